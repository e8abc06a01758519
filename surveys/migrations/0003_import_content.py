from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_answer_search_index")]

    operations = [
        migrations.AddField(
            model_name="importrun",
            name="content",
            field=models.BinaryField(blank=True, default=b"", editable=False),
        ),
        migrations.AddField(
            model_name="importrun",
            name="options",
            field=models.JSONField(blank=True, default=dict),
        ),
    ]
