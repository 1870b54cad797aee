"""Developer tools beside the pipeline: benchmark, search-quality measurement, browser launcher."""
