"""Chủ đề 4 — Ứng dụng AI trong công việc và cuộc sống (SCORM 2004 3rd edition)."""

THEME = {
    "slug": "ung-dung-ai-trong-cong-viec-va-cuoc-song",
    "title": "Ứng dụng AI trong công việc và cuộc sống",
    "summary": "Trí tuệ nhân tạo là gì, dùng trợ lý AI hiệu quả và an toàn, ứng dụng AI có trách nhiệm trong quản lý hành chính công.",
    "accent": "#7f6000",
}

MODULES = [
    {
        "identifier": "ai-la-gi",
        "title": "Trí tuệ nhân tạo (AI) là gì?",
        "summary": "AI quanh ta, AI tạo sinh làm được gì, những giới hạn cần biết và nguy cơ nội dung giả (deepfake).",
        "slides": [
            {
                "title": "AI là gì?",
                "body": [
                    "Trí tuệ nhân tạo, viết tắt là AI, là các chương trình máy tính học từ rất nhiều dữ liệu để làm những việc trước đây cần con người: "
                    "nhận ra giọng nói, dịch ngôn ngữ, nhận diện hình ảnh, viết và tóm tắt văn bản.",
                    "AI không có suy nghĩ hay cảm xúc như con người; nó dự đoán câu trả lời dựa trên những gì đã học.",
                ],
                "illustration": "robot",
                "alt": "Hình chú rô-bốt thân thiện",
            },
            {
                "title": "AI đã ở quanh ta",
                "body": [
                    [
                        "Bản đồ trên điện thoại tìm đường tránh kẹt xe.",
                        "Gõ tiếng Việt có gợi ý từ, nói để soạn tin nhắn.",
                        "Ứng dụng dịch ảnh chụp thực đơn tiếng nước ngoài.",
                        "Mở khoá điện thoại bằng khuôn mặt.",
                        "Mạng xã hội gợi ý video bạn có thể thích.",
                    ],
                ],
                "illustration": "phone",
                "alt": "Điện thoại với nhiều ứng dụng thông minh",
            },
            {
                "title": "AI tạo sinh",
                "body": [
                    "Loại AI mới có thể tạo ra nội dung: viết thư, trả lời câu hỏi, vẽ tranh, tạo giọng nói. Người dùng trò chuyện với nó bằng ngôn ngữ tự nhiên, "
                    "qua các “trợ lý AI” hay “chatbot”. Nhiều trợ lý AI hiểu và viết tiếng Việt khá tốt.",
                ],
                "illustration": "chat",
                "alt": "Cuộc trò chuyện với trợ lý AI",
            },
            {
                "title": "AI giúp được gì trong đời sống?",
                "body": [
                    [
                        "Giải thích một văn bản khó hiểu bằng lời đơn giản.",
                        "Gợi ý thực đơn, lịch học cho con, kế hoạch chi tiêu.",
                        "Soạn nháp lá đơn, thư cảm ơn, lời mời.",
                        "Luyện nói tiếng Anh, học kiến thức mới.",
                    ],
                    "AI là trợ lý, còn quyết định cuối cùng luôn thuộc về bạn.",
                ],
                "illustration": "lightbulb",
                "alt": "Bóng đèn ý tưởng",
            },
            {
                "title": "AI có thể sai",
                "body": [
                    "AI đôi khi “bịa” ra thông tin nghe rất thuyết phục: số liệu, tên văn bản, địa chỉ không có thật. Hiện tượng này gọi là “ảo giác”. "
                    "Với việc quan trọng về sức khoẻ, pháp luật, tiền bạc, luôn kiểm tra lại với nguồn chính thống hoặc chuyên gia.",
                ],
                "illustration": "warning",
                "alt": "Biển cảnh báo",
            },
            {
                "title": "AI có thể thiên lệch",
                "body": [
                    "AI học từ dữ liệu do con người tạo ra, nên có thể mang định kiến về giới, vùng miền, tuổi tác. "
                    "Đừng coi câu trả lời của AI là khách quan tuyệt đối; hãy xem xét bằng hiểu biết và lương tri của mình.",
                ],
                "illustration": "scales",
                "alt": "Cái cân tượng trưng cho sự công bằng",
            },
            {
                "title": "Nội dung giả do AI tạo (deepfake)",
                "body": [
                    "Kẻ gian dùng AI để giả giọng nói, khuôn mặt người quen hoặc người nổi tiếng, nhằm vay tiền, quảng cáo lừa đảo. "
                    "Gặp cuộc gọi video ngắn, hình mờ, giọng lạ mà xin tiền gấp: hãy gọi lại bằng số bạn vẫn biết để xác minh.",
                ],
                "illustration": "privacy",
                "alt": "Con mắt bị gạch chéo: không tin ngay điều mắt thấy",
            },
            {
                "title": "Ghi nhớ",
                "body": [
                    "AI là công cụ hữu ích: giúp hiểu nhanh, viết nhanh, học nhanh. Nhưng AI có thể sai, có thể thiên lệch và có thể bị kẻ xấu lợi dụng. "
                    "Dùng AI với tinh thần: tò mò học hỏi, luôn kiểm chứng, tự chịu trách nhiệm về quyết định của mình.",
                ],
                "illustration": "checklist",
                "alt": "Danh sách điều cần nhớ",
            },
        ],
        "quiz": [
            {
                "prompt": "Câu nào mô tả đúng về AI?",
                "choices": ["AI suy nghĩ và có cảm xúc như người", "AI học từ dữ liệu và dự đoán câu trả lời", "AI luôn đúng", "AI chỉ có trong phim"],
                "answer": 1,
            },
            {
                "prompt": "“Ảo giác” của AI là gì?",
                "choices": ["AI bị hỏng màn hình", "AI đưa ra thông tin sai nhưng nghe rất thuyết phục", "AI từ chối trả lời", "AI chạy chậm"],
                "answer": 1,
            },
            {
                "prompt": "Nhận cuộc gọi video ngắn, hình mờ, “người thân” xin chuyển tiền gấp. Bạn nên:",
                "choices": ["Chuyển ngay", "Gọi lại bằng số điện thoại bạn vẫn biết để xác minh", "Gửi mã OTP", "Chuyển một nửa số tiền"],
                "answer": 1,
            },
            {
                "prompt": "Ai chịu trách nhiệm về quyết định khi bạn dùng gợi ý của AI?",
                "choices": ["Công ty làm ra AI", "Chính bạn", "Không ai cả", "Người dạy bạn dùng AI"],
                "answer": 1,
            },
        ],
    },
    {
        "identifier": "dung-tro-ly-ai-hieu-qua",
        "title": "Dùng trợ lý AI hiệu quả và an toàn",
        "summary": "Viết yêu cầu rõ ràng, trò chuyện nhiều lượt để chỉnh kết quả, kiểm chứng thông tin và không đưa dữ liệu nhạy cảm.",
        "slides": [
            {
                "title": "Hỏi rõ thì được trả lời rõ",
                "body": [
                    "Trợ lý AI làm tốt nhất khi bạn nói rõ mình cần gì. Câu hỏi chung chung như “viết cho tôi cái đơn” sẽ cho kết quả chung chung. "
                    "Hãy coi AI như một người giúp việc mới: cần giao việc cụ thể.",
                ],
                "illustration": "chat",
                "alt": "Cuộc trò chuyện với trợ lý AI",
            },
            {
                "title": "Bốn phần của một yêu cầu tốt",
                "body": [
                    [
                        "Vai trò: “Bạn là cán bộ tư pháp xã…”",
                        "Nhiệm vụ: “Hãy giải thích thủ tục đăng ký khai sinh…”",
                        "Bối cảnh: “…cho một bà mẹ trẻ lần đầu làm, không rành công nghệ.”",
                        "Hình thức: “Trả lời bằng 5 bước ngắn, lời lẽ đơn giản.”",
                    ],
                ],
                "illustration": "checklist",
                "alt": "Danh sách bốn phần của yêu cầu",
            },
            {
                "title": "Trò chuyện nhiều lượt",
                "body": [
                    "Kết quả đầu tiên chưa vừa ý thì yêu cầu sửa: “ngắn hơn”, “trang trọng hơn”, “thêm ví dụ”, “viết cho người lớn tuổi dễ hiểu”. "
                    "Bạn có thể đưa một mẫu có sẵn và nhờ AI viết theo phong cách đó.",
                ],
                "illustration": "lightbulb",
                "alt": "Bóng đèn ý tưởng",
            },
            {
                "title": "Luôn kiểm chứng",
                "body": [
                    "AI có thể nêu sai số hiệu văn bản, mức phí, thời hạn. Với thông tin pháp luật, y tế, tài chính:",
                    [
                        "Hỏi AI nguồn thông tin và tự mở nguồn đó ra đọc.",
                        "Đối chiếu với cổng thông tin chính thức có đuôi .gov.vn.",
                        "Hỏi người có chuyên môn khi cần quyết định quan trọng.",
                    ],
                ],
                "illustration": "search",
                "alt": "Kính lúp kiểm chứng thông tin",
            },
            {
                "title": "Không đưa dữ liệu nhạy cảm",
                "body": [
                    "Những gì bạn gõ vào trợ lý AI có thể được lưu lại trên máy chủ của nhà cung cấp. Không nhập:",
                    [
                        "Số căn cước, số tài khoản, mật khẩu, mã OTP.",
                        "Bệnh án, thông tin riêng tư của người khác.",
                        "Tài liệu nội bộ, tài liệu mật của cơ quan.",
                    ],
                    "Nếu cần, hãy thay tên thật bằng tên giả như “ông A”, “bà B”.",
                ],
                "illustration": "lock",
                "alt": "Ổ khoá bảo vệ dữ liệu",
            },
            {
                "title": "Tôn trọng bản quyền và sự trung thực",
                "body": [
                    "Nội dung do AI tạo ra có thể giống tác phẩm của người khác. Khi dùng cho công việc, học tập, hãy ghi rõ có sự hỗ trợ của AI nếu nơi đó yêu cầu, "
                    "không nộp bài AI viết như thể tự mình làm khi điều đó không được phép.",
                ],
                "illustration": "document",
                "alt": "Tài liệu ghi nguồn",
            },
            {
                "title": "Một ví dụ đầy đủ",
                "body": [
                    "“Bạn là nhân viên y tế phường. Hãy viết thông báo ngắn gửi nhóm Zalo tổ dân phố về lịch tiêm chủng mở rộng sáng thứ Bảy tại trạm y tế, "
                    "nhắc mang sổ tiêm. Dưới 80 chữ, giọng thân thiện.” — Sau đó bạn đọc lại, sửa ngày giờ cho đúng rồi mới gửi.",
                ],
                "illustration": "people",
                "alt": "Cộng đồng nhận thông báo",
            },
            {
                "title": "Ghi nhớ",
                "body": [
                    "Giao việc rõ ràng, trò chuyện nhiều lượt để chỉnh, luôn kiểm chứng, không đưa dữ liệu nhạy cảm, trung thực khi dùng kết quả. "
                    "Làm được năm điều này, trợ lý AI sẽ giúp bạn tiết kiệm nhiều thời gian.",
                ],
                "illustration": "robot",
                "alt": "Chú rô-bốt trợ lý",
            },
        ],
        "quiz": [
            {
                "prompt": "Yêu cầu nào sẽ cho kết quả tốt nhất?",
                "choices": ["“Viết cái đơn.”", "“Bạn là cán bộ tư pháp xã, hãy giải thích thủ tục đăng ký khai sinh cho người lần đầu làm, bằng 5 bước ngắn.”", "“Đơn khai sinh.”", "“Giúp tôi.”"],
                "answer": 1,
            },
            {
                "prompt": "Thông tin nào KHÔNG nên nhập vào trợ lý AI công cộng?",
                "choices": ["Câu hỏi về cách nấu ăn", "Số căn cước và mật khẩu ngân hàng", "Yêu cầu dịch một câu chào", "Câu hỏi về lịch sử"],
                "answer": 1,
            },
            {
                "prompt": "AI nêu mức lệ phí của một thủ tục. Bạn nên:",
                "choices": ["Tin ngay", "Đối chiếu với cổng thông tin chính thức .gov.vn", "Chia sẻ cho mọi người", "Hỏi AI lần nữa rồi tin"],
                "answer": 1,
            },
            {
                "prompt": "Kết quả đầu tiên của AI quá dài. Bạn làm gì?",
                "choices": ["Bỏ không dùng AI nữa", "Yêu cầu AI viết ngắn hơn", "Tự chép tay lại", "Gửi nguyên văn"],
                "answer": 1,
            },
        ],
    },
    {
        "identifier": "ai-trong-hanh-chinh-cong",
        "title": "AI trong quản lý hành chính công có trách nhiệm",
        "summary": "Cán bộ, công chức dùng AI để soạn thảo, tóm tắt, trả lời người dân — với nguyên tắc bảo mật, kiểm chứng và trách nhiệm giải trình.",
        "slides": [
            {
                "title": "AI hỗ trợ công việc hành chính",
                "body": [
                    "Cán bộ, công chức xử lý nhiều văn bản, hồ sơ và câu hỏi của người dân mỗi ngày. Dùng đúng cách, AI giúp tiết kiệm thời gian cho những việc lặp lại, "
                    "để cán bộ dành nhiều thời gian hơn cho việc cần suy xét và tiếp xúc trực tiếp với người dân.",
                ],
                "illustration": "robot",
                "alt": "Chú rô-bốt trợ lý văn phòng",
            },
            {
                "title": "Những việc AI làm tốt",
                "body": [
                    [
                        "Soạn nháp công văn, thông báo, báo cáo theo dàn ý bạn đưa.",
                        "Tóm tắt văn bản dài, nêu các điểm chính.",
                        "Giải thích quy định bằng lời lẽ dễ hiểu cho người dân.",
                        "Gợi ý câu trả lời cho các câu hỏi thường gặp.",
                        "Rà lỗi chính tả, diễn đạt.",
                    ],
                ],
                "illustration": "document",
                "alt": "Văn bản hành chính",
            },
            {
                "title": "Nguyên tắc 1: Bảo mật thông tin",
                "body": [
                    "Tuyệt đối không đưa tài liệu mật, tài liệu nội bộ chưa công bố, hồ sơ và dữ liệu cá nhân của người dân vào các công cụ AI công cộng. "
                    "Chỉ dùng công cụ AI được cơ quan cho phép cho những dữ liệu này, và tuân thủ quy định bảo vệ bí mật nhà nước, bảo vệ dữ liệu cá nhân.",
                ],
                "illustration": "lock",
                "alt": "Ổ khoá bảo mật",
            },
            {
                "title": "Nguyên tắc 2: Con người quyết định",
                "body": [
                    "AI chỉ gợi ý. Người ký văn bản, người giải quyết hồ sơ chịu trách nhiệm về nội dung và quyết định. "
                    "Không để AI tự động từ chối hay chấp thuận hồ sơ của người dân khi chưa có cán bộ xem xét.",
                ],
                "illustration": "people",
                "alt": "Cán bộ xem xét và quyết định",
            },
            {
                "title": "Nguyên tắc 3: Kiểm chứng căn cứ pháp lý",
                "body": [
                    "AI có thể nêu sai số hiệu, ngày ban hành hoặc nội dung văn bản pháp luật. Mọi căn cứ pháp lý phải được đối chiếu với văn bản gốc "
                    "trên cơ sở dữ liệu quốc gia về văn bản pháp luật hoặc công báo. Văn bản phát hành phải đúng thể thức theo quy định về công tác văn thư.",
                ],
                "illustration": "search",
                "alt": "Kính lúp đối chiếu văn bản",
            },
            {
                "title": "Nguyên tắc 4: Công bằng và minh bạch",
                "body": [
                    "Kiểm tra xem gợi ý của AI có đối xử khác nhau với người dân theo giới tính, dân tộc, vùng miền hay không. "
                    "Khi người dân trò chuyện với hệ thống hỏi đáp tự động, cần cho họ biết họ đang trao đổi với AI và có cách gặp cán bộ thật.",
                ],
                "illustration": "scales",
                "alt": "Cái cân công bằng",
            },
            {
                "title": "Một quy trình mẫu",
                "body": [
                    [
                        "Xác định việc cần làm và dữ liệu được phép dùng.",
                        "Xoá hoặc thay thế thông tin cá nhân trong tài liệu đầu vào.",
                        "Viết yêu cầu rõ: vai trò, nhiệm vụ, bối cảnh, hình thức.",
                        "Đọc kỹ, đối chiếu căn cứ, sửa cho đúng thực tế.",
                        "Trình lãnh đạo duyệt như văn bản bình thường.",
                    ],
                ],
                "illustration": "checklist",
                "alt": "Quy trình năm bước",
            },
            {
                "title": "Ví dụ: trả lời câu hỏi của người dân",
                "body": [
                    "Người dân hỏi về thủ tục đăng ký thường trú. Cán bộ nhờ AI soạn câu trả lời dễ hiểu dựa trên quy định đã dán vào (không kèm thông tin cá nhân của người hỏi), "
                    "rồi đối chiếu với thủ tục trên Cổng Dịch vụ công, bổ sung đường link chính thức trước khi gửi.",
                ],
                "illustration": "chat",
                "alt": "Trao đổi giữa cán bộ và người dân",
            },
            {
                "title": "Ghi nhớ",
                "body": [
                    "Dùng AI để phục vụ người dân tốt hơn: nhanh hơn, dễ hiểu hơn. Bốn nguyên tắc: bảo mật thông tin, con người quyết định, kiểm chứng căn cứ, công bằng và minh bạch. "
                    "Học hỏi và chia sẻ kinh nghiệm dùng AI với đồng nghiệp trong đơn vị.",
                ],
                "illustration": "shield",
                "alt": "Tấm khiên trách nhiệm",
            },
        ],
        "quiz": [
            {
                "prompt": "Tài liệu nào KHÔNG được đưa vào công cụ AI công cộng?",
                "choices": ["Thông báo lịch tiêm chủng đã công bố", "Hồ sơ có dữ liệu cá nhân của người dân và tài liệu mật", "Văn bản pháp luật đã đăng công báo", "Câu hỏi về chính tả"],
                "answer": 1,
            },
            {
                "prompt": "Ai chịu trách nhiệm về văn bản do AI hỗ trợ soạn thảo?",
                "choices": ["Nhà cung cấp AI", "Cán bộ soạn thảo và người ký ban hành", "Không ai", "Người dân"],
                "answer": 1,
            },
            {
                "prompt": "AI trích dẫn một nghị định làm căn cứ. Cán bộ cần:",
                "choices": ["Dùng ngay", "Đối chiếu với văn bản gốc trên cơ sở dữ liệu văn bản pháp luật", "Bỏ phần căn cứ", "Hỏi người dân"],
                "answer": 1,
            },
            {
                "prompt": "Khi người dân trò chuyện với hệ thống hỏi đáp tự động, cơ quan nên:",
                "choices": ["Giấu việc đó là AI", "Cho họ biết đang trao đổi với AI và có cách gặp cán bộ", "Không cho gặp cán bộ", "Chỉ trả lời bằng tiếng Anh"],
                "answer": 1,
            },
        ],
    },
]
