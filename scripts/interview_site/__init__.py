"""The interview site's pipeline: source text -> document model -> checks -> pages (see README, "How it works")."""
