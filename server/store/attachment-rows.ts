/** An attachment's row as both engines store it, and what the store contract hands out. */
import type { StoredAttachment } from './contract';

export const ATTACHMENT_COLUMNS = 'position, name, content_type, size, sha256';

export interface AttachmentRow {
  position: number;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
}

export function attachmentOf({ content_type, ...rest }: AttachmentRow): StoredAttachment {
  return { ...rest, contentType: content_type };
}
