// User Timing marks the sidebar leaves on its own frame's timeline (nothing leaves the frame):
// `npm run bench` reads them in browsers whose automation cannot watch this frame from its start.
/** The screenshot's thumbnail decoded and shown, each time one is. */
export const THUMBNAIL_SHOWN_MARK = 'chorus-pro-help:thumbnail-shown';
/** The sidebar's first render: its heading shown and focused, its Close button working. */
export const SIDEBAR_INTERACTIVE_MARK = 'chorus-pro-help:interactive';
