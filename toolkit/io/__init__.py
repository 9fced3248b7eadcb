"""Readers (files, folders, JSON lines, gzip; streamed) and writers (JSONL, txt, bitext)."""
