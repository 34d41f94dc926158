"""Sample draft texts and a DOCX builder for the pre-review app's tests."""

from __future__ import annotations

import io

import docx

DRAFT = (
    "海宁市促进本地企业发展若干措施\n"
    "第一条 为了促进企业发展，根据《中华人民共和国行政处罚法》第九十条，制定本措施。\n"
    "第二条 政府采购项目同等条件下优先采购本地企业的产品和服务。\n"
    "第三条 企业未参加年度培训的，处五百元以上一千元以下罚款。\n"
    "第四条 本措施自2022年10月1日起施行，有效期至2024年9月30日。\n"
)


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
