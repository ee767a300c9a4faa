"""Reading: files and folders into documents, changed files from git, the claim cache."""
