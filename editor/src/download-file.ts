/** Hands a text file to the browser's download (no server round trip). */
export function downloadFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  // The click has started the download synchronously; the URL is no longer needed after.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
