"""The demo: four example stores, one per theme preset, made by ``manage.py seed_demo``.

``catalogs`` holds their content as plain data, ``images`` draws their pictures and
``seeding`` writes them to the database. The logins it creates are for the demo only.
"""
