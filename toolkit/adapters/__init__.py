"""Thin adapters for corpus frameworks people already run: datatrove and Hugging Face ``datasets``.

Each is an optional extra (``pip install 'zh-mt-toolkit[datatrove]'``, ``[datasets]``); importing
this package imports neither framework.
"""
