"""The database itself refuses UPDATE and DELETE on the event log (DESIGN principle 1).

Both SQLite and PostgreSQL get BEFORE UPDATE / BEFORE DELETE triggers that abort with
'docket_event is append-only'. The application never needs to change an event: a
correction is a new event that points at the one it corrects.
"""

from django.db import migrations

from expediente.docket.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("docket", "0001_initial")]

    operations = [
        append_only("docket_event", "docket_event is append-only: record a correction instead"),
    ]
