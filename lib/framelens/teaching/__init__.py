"""Teaching: self-checking exercises, the handout and the slides."""
