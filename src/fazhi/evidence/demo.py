"""Demo deposits: a contract, an IP evidence bundle and bankruptcy-claim data, made through the
deposit service. A timestamping log cannot backdate, so they carry the time the demo is built.
"""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import Organization
from fazhi.demo import haining
from fazhi.evidence import services
from fazhi.evidence.models import Deposit


def _contract() -> bytes:
    return (
        "购销合同\n甲方：海宁市某经编有限公司\n乙方：某服装有限公司\n"
        "标的：经编面料 12000 米，单价 18.50 元/米，交货期 2022 年 9 月 30 日前。\n"
        "争议解决：提交嘉兴仲裁委员会海宁分会仲裁。\n"
    ).encode()


def _ip_bundle() -> bytes:
    return json.dumps(
        {
            "bundle": "知识产权侵权证据包",
            "right": "外观设计专利 ZL2021300000000.0",
            "items": [
                {"name": "网店商品页截图.png", "sha256": "5" * 64},
                {"name": "购买记录.pdf", "sha256": "6" * 64},
                {"name": "实物照片.jpg", "sha256": "7" * 64},
            ],
            "captured_at": "2022-06-18T10:24:00+08:00",
        },
        ensure_ascii=False,
        indent=2,
    ).encode()


def _bankruptcy_claims() -> bytes:
    rows = [
        "债权人编号,申报金额(元),债权性质,申报日期",
        "C001,1250000.00,普通债权,2022-03-02",
        "C002,386400.50,职工债权,2022-03-05",
        "C003,92000.00,税款债权,2022-03-09",
    ]
    return ("\n".join(rows) + "\n").encode()


DEPOSITS = [
    (
        "citizen",
        None,
        "经编面料购销合同",
        "contract-2022-0918.txt",
        "text/plain",
        _contract,
        "合同签署版本",
    ),
    (
        "citizen",
        None,
        "外观设计专利侵权证据包",
        "ip-evidence-bundle.json",
        "application/json",
        _ip_bundle,
        "知识产权异地保护取证",
    ),
    (
        "legal",
        haining.MARKET_REGULATION,
        "破产债权申报数据",
        "bankruptcy-claims.csv",
        "text/csv",
        _bankruptcy_claims,
        "企业破产清偿存证",
    ),
]


def build(*, admin, stdout=None) -> None:
    User = get_user_model()
    added = 0
    for username, organization_code, title, name, media, content, description in DEPOSITS:
        user = User.objects.filter(username=username).first()
        if user is None or Deposit.objects.filter(depositor=user, title=title).exists():
            continue
        organization = (
            Organization.objects.filter(code=organization_code).first()
            if organization_code
            else None
        )
        services.deposit_create(
            actor=user,
            upload=SimpleUploadedFile(name, content(), content_type=media),
            title=title,
            description=description,
            organization=organization,
        )
        added += 1
    if added and stdout is not None:
        stdout.write(f"实时保：新增存证 {added} 件")
