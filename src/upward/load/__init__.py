"""Loading: read what people give us (files), check it, and report every problem at once."""
