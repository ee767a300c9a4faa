"""Claims: mentions assembled into subject · metric · value · period · citation records."""
