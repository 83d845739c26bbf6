"""Upload and background import: staff upload meeting packets in the web; each file becomes a job that a
worker imports (`records.importer`) on Django's task framework (django-tasks, its database backend: the
queue is a table of the same database, no broker). docs/deployment.md says why and how to run workers."""
