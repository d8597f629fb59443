// Injected after the page reader (extension/page-reader/index.js) in the same executeScript
// call: the value of this last script, what the screenshot must mask, is the call's result.
// One round trip to the page at the click instead of two.
globalThis.chorusProPrepareReader();
