// Loaded before Decap CMS: wait for cms.js, which registers the activity format and widget first.
window.CMS_MANUAL_INIT = true;
