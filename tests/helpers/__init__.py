"""What tests in several folders share: the small hand-built meeting and every view of a meeting."""
