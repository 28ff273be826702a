/**
 * The folder path a reader typed or pasted into the import dialog, as the service wants it: what a
 * file manager copies comes quoted ('/scans/Mr X') or as a file URL (file:///scans/Mr%20X), and
 * either would otherwise be refused as "not a full path" or "does not exist".
 */
export function typedFolderPath(text: string): string {
  let path = text.trim()
  const quote = path[0]
  if ((quote === '"' || quote === "'") && path.length >= 2 && path.endsWith(quote)) {
    path = path.slice(1, -1).trim()
  }
  if (!/^file:\/\//i.test(path)) return path
  try {
    const url = new URL(path)
    const local = decodeURIComponent(url.pathname)
    // file://server/share names a Windows network share.
    if (url.host) return `\\\\${url.host}${local.replaceAll('/', '\\')}`
    // file:///C:/scans names a Windows drive: drop the slash before the letter.
    return /^\/[A-Za-z]:\//.test(local) ? local.slice(1) : local
  } catch {
    return path
  }
}
