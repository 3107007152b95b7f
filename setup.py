"""Packaging: the top-level folders ``indexer/``, ``qa/`` and ``ui/`` install as ``pravo.indexer``,
``pravo.qa`` and ``pravo.ui``, so installing pravo shadows no other distribution's modules."""

from setuptools import find_packages, setup

MAPPED = ("indexer", "qa", "ui")

packages = find_packages(include=["pravo", "pravo.*"])
for top in MAPPED:
    packages += [f"pravo.{name}" for name in find_packages(include=[top, f"{top}.*"])]

setup(
    packages=packages,
    package_dir={"pravo": "pravo", **{f"pravo.{top}": top for top in MAPPED}},
    package_data={"pravo.qa": ["data/*.tsv"]},
)
