-- Analytics refreshes its rollups for the days that changed since its last run: it finds
-- conversation events by creation time (CSAT answers and conversions posted after the chat).
CREATE INDEX IF NOT EXISTS `analytics_events_created_idx` ON `conversation_events` (`created_at`);
