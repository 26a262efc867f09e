"""The campaign's demo catalog as data: four themes of three Vietnamese modules each, and two courses.

Themes 1–2 are built as SCORM 1.2, themes 3–4 as SCORM 2004 3rd edition, so both
runtimes are exercised. `demo_content_load` (service.py) builds, imports and publishes it.
"""

from courses.package_builder import description_from_dict

from . import theme_1, theme_2, theme_3, theme_4

HOME_INTRO = (
    "Học kỹ năng số miễn phí, mỗi bài chỉ 5–7 phút trên điện thoại: dùng điện thoại an toàn, làm thủ tục trực tuyến, "
    "giao tiếp văn minh trên mạng và ứng dụng trí tuệ nhân tạo. Học xong khoá học, bạn nhận chứng nhận."
)

# Four questions each: three right answers out of four pass.
PASSING_SCORE = 0.75

THEMES = [(theme_1, "1.2"), (theme_2, "1.2"), (theme_3, "2004"), (theme_4, "2004")]

COURSES = [
    {
        "slug": "chuyen-doi-so-cho-moi-nguoi-dan",
        "title": "Chuyển đổi số cho mọi người dân",
        "summary": "Khoá học mở cho mọi người dân: an toàn trên điện thoại, dịch vụ công trực tuyến, thanh toán số và ứng xử trên mạng. "
        "Hoàn thành 9 bài học để nhận chứng nhận.",
        "enrolment": "open",
        "completion_rule": "completed",
        "modules": [
            "su-dung-dien-thoai-an-toan", "mat-khau-va-xac-thuc-hai-lop", "nhan-dien-lua-dao-truc-tuyen",
            "dinh-danh-dien-tu-vneid", "dich-vu-cong-truc-tuyen", "thanh-toan-khong-dung-tien-mat",
            "giao-tiep-van-minh-tren-mang", "nhan-dien-tin-gia", "bao-ve-du-lieu-ca-nhan",
        ],
    },
    {
        "slug": "ung-dung-ai-trong-quan-ly-hanh-chinh-cong",
        "title": "Ứng dụng AI trong quản lý hành chính công",
        "summary": "Khoá học dành cho cán bộ, công chức được giao: hiểu AI, dùng trợ lý AI hiệu quả, ứng dụng AI có trách nhiệm "
        "và bảo vệ dữ liệu cá nhân. Đạt bài kiểm tra của cả 4 bài học để nhận chứng nhận.",
        "enrolment": "assigned",
        "completion_rule": "passed",
        "modules": ["ai-la-gi", "dung-tro-ly-ai-hieu-qua", "ai-trong-hanh-chinh-cong", "bao-ve-du-lieu-ca-nhan"],
    },
]


def _spread_answers(quiz, module_number):
    """The questions with their choices rotated so that the right answer's position varies
    (the content is written with it mostly second; a learner must not learn "always B")."""
    spread = []
    for question_number, question in enumerate(quiz):
        choices = question["choices"]
        target = (module_number + question_number * 3) % len(choices)
        shift = (question["answer"] - target) % len(choices)
        spread.append({**question, "choices": choices[shift:] + choices[:shift], "answer": target})
    return spread


def module_descriptions():
    """[(theme module, ModuleDescription)] in catalog order, checked by the builder."""
    described = []
    for theme, scorm_version in THEMES:
        for module in theme.MODULES:
            data = {
                "accent": theme.THEME["accent"], "passing_score": PASSING_SCORE, **module, "scorm_version": scorm_version,
                "quiz": _spread_answers(module["quiz"], len(described)),
            }
            described.append((theme, description_from_dict(data)))
    return described
