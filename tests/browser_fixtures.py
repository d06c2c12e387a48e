"""Browser-test fixtures (live server and Chromium through Playwright)."""
