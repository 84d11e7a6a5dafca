"""What the pages for parents show, as view models."""
