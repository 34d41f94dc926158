"""``fazhi demo``: load the Haining 2022 demo dataset (idempotent); ``--accounts`` lists logins."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from fazhi.demo.services import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_build


class Command(BaseCommand):
    help = "Load the seeded Haining demo dataset through the platform's services (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--accounts", action="store_true", help="only print the demo accounts")

    def handle(self, *args, accounts: bool, **options) -> None:
        if not accounts:
            added = demo_build(stdout=self.stdout)
            if any(added.values()):
                self.stdout.write(self.style.SUCCESS(f"演示数据已载入：{added}"))
            else:
                self.stdout.write("演示数据已是最新，无需载入。")
            return
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:16} {account.display_name}（{account.role}）")
        self.stdout.write("打开 http://127.0.0.1:8000/ 登录。")
