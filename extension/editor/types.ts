/** What the screenshot editor hands over when the user attaches an image. */
export interface EditorResult {
  blob: Blob;
  name: string;
  bytes: number;
  width: number;
  height: number;
  /** False only when the user chose "attach the unedited original" explicitly. */
  edited: boolean;
}
