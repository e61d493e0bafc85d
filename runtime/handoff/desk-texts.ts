/** What the desk tells the customer, in the conversation's language (Chinese first). */
const texts = {
  joined: { zh: '客服 {name} 已接入，为您服务。', en: '{name} from our team has joined the chat.' },
  requeued: {
    zh: '客服暂时离开，已为您重新排队，请稍候。',
    en: 'The agent had to step away; you are back in the queue and will be helped shortly.',
  },
  transferred: {
    zh: '正在为您转接其他客服，请稍候。',
    en: 'Transferring you to another agent, please wait a moment.',
  },
  closed: {
    zh: '本次人工服务已结束，感谢您的耐心。',
    en: 'This chat with our team has ended. Thank you.',
  },
  returned: {
    zh: '人工服务已结束，智能助手将继续为您服务。',
    en: 'The agent has finished; the assistant will continue to help you.',
  },
  left: { zh: '客户已离开对话。', en: 'The customer left the chat.' },
} as const

export type DeskText = keyof typeof texts

export function deskText(key: DeskText, locale: string, name = ''): string {
  const text = locale.toLowerCase().startsWith('zh') ? texts[key].zh : texts[key].en
  return text.replace('{name}', name)
}
