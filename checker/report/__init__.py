"""Reports: findings and claims rendered for people (text, Markdown, HTML) and machines."""
