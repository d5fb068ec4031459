"""Realistic synthetic caseloads for the demo, tests and benchmarks."""
