import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# The indexes Django made for the two foreign keys (the same names on PostgreSQL and SQLite).
_FOREIGN_KEY_INDEXES = {
    "scorm_player_attempt_learner_id_9573fb51": "learner_id",
    "scorm_player_attempt_sco_id_74edb092": "sco_id",
}


class Migration(migrations.Migration):
    """An attempt's learner and SCO are looked up through the composite indexes that lead
    with them: their own single-column indexes only cost disk and writes. Only the indexes are
    dropped (Django's AlterField would also drop and check again the foreign keys)."""

    dependencies = [
        ("scorm_player", "0004_state_as_text"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"', reverse_sql=f'CREATE INDEX "{name}" ON "scorm_player_attempt" ("{column}")',
                )
                for name, column in _FOREIGN_KEY_INDEXES.items()
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="attempt",
                    name="learner",
                    field=models.ForeignKey(
                        db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="scorm_attempts",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="attempt",
                    name="sco",
                    field=models.ForeignKey(
                        db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name="attempts",
                        to="scorm_player.sco",
                    ),
                ),
            ],
        ),
    ]
