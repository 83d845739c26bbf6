from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('secretariat', '0009_member_account_people'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='memberaccount',
            name='person',
        ),
    ]
