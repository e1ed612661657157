"""The subject studio's pure logic: drafts (pack folders written piece by piece), recording, proposals."""
