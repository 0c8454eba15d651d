"""Reports: table display, recorded values, fonts, the papermill runner and HTML export."""
