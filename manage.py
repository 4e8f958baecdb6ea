#!/usr/bin/env python
"""Django's command-line utility for the store builder."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    from tenancy.scope import all_stores

    # Management commands are platform code: they may read and write every store's rows
    # (seed_demo, Wagtail's update_index and rebuild_references_index, shell). Threads
    # start with no scope, so runserver's requests still open their own.
    with all_stores():
        execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
