"""Chủ đề 1 — Nhận thức số và năng lực số cơ bản (SCORM 1.2)."""

THEME = {
    "slug": "nhan-thuc-so-va-nang-luc-so-co-ban",
    "title": "Nhận thức số và năng lực số cơ bản",
    "summary": "Dùng điện thoại thông minh an toàn, đặt mật khẩu mạnh và bật xác thực hai lớp, nhận ra các chiêu lừa đảo trên mạng.",
    "accent": "#0b5394",
}

MODULES = [
    {
        "identifier": "su-dung-dien-thoai-an-toan",
        "title": "Sử dụng điện thoại thông minh an toàn",
        "summary": "Khoá màn hình, cập nhật phần mềm, cài ứng dụng đúng nguồn và biết làm gì khi mất điện thoại.",
        "slides": [
            {
                "title": "Điện thoại là chiếc ví của bạn",
                "body": [
                    "Trong điện thoại có danh bạ, ảnh gia đình, tin nhắn, tài khoản ngân hàng và giấy tờ điện tử như VNeID. "
                    "Nếu kẻ xấu cầm được điện thoại đang mở khoá, họ có thể mạo danh bạn hoặc lấy tiền trong tài khoản.",
                    "Vì vậy, hãy giữ điện thoại cẩn thận như giữ chiếc ví và làm theo vài thói quen đơn giản trong bài này.",
                ],
                "illustration": "phone",
                "alt": "Chiếc điện thoại thông minh với màn hình đang mở",
            },
            {
                "title": "Khoá màn hình",
                "body": [
                    "Khoá màn hình là lớp bảo vệ đầu tiên. Vào Cài đặt, chọn mục Bảo mật hoặc Màn hình khoá.",
                    [
                        "Đặt mã PIN ít nhất 6 số, không dùng 123456 hay ngày sinh.",
                        "Có thể dùng thêm vân tay hoặc khuôn mặt cho nhanh.",
                        "Cho màn hình tự tắt sau 30 giây đến 1 phút khi không dùng.",
                    ],
                ],
                "illustration": "lock",
                "alt": "Ổ khoá tượng trưng cho khoá màn hình",
            },
            {
                "title": "Cập nhật phần mềm",
                "body": [
                    "Các bản cập nhật vá những lỗ hổng mà kẻ gian có thể lợi dụng. Điện thoại cũ không được cập nhật sẽ dễ bị tấn công hơn.",
                    [
                        "Bật tự động cập nhật hệ điều hành và ứng dụng.",
                        "Cập nhật khi có Wi-Fi ở nhà và pin còn trên một nửa.",
                        "Chỉ cập nhật từ mục Cài đặt hoặc kho ứng dụng, không bấm vào tin nhắn mời cập nhật.",
                    ],
                ],
                "illustration": "checklist",
                "alt": "Danh sách việc cần làm đã được đánh dấu hoàn thành",
            },
            {
                "title": "Chỉ cài ứng dụng từ kho chính thức",
                "body": [
                    "Hãy cài ứng dụng từ CH Play (Android) hoặc App Store (iPhone). Không cài tệp có đuôi .apk do người lạ gửi qua Zalo, Facebook hay tin nhắn.",
                    "Nhiều vụ lừa đảo bắt đầu bằng lời mời cài “ứng dụng dịch vụ công” giả. Ứng dụng giả có thể đọc tin nhắn chứa mã OTP và chiếm tài khoản ngân hàng.",
                ],
                "illustration": "warning",
                "alt": "Biển cảnh báo nguy hiểm màu vàng",
            },
            {
                "title": "Xem kỹ quyền của ứng dụng",
                "body": [
                    "Khi cài, ứng dụng có thể xin quyền đọc tin nhắn, danh bạ, vị trí hoặc micro. Hãy tự hỏi: ứng dụng này có thật sự cần quyền đó không?",
                    [
                        "Ứng dụng đèn pin không cần đọc danh bạ.",
                        "Từ chối quyền “Trợ năng” nếu ứng dụng không rõ nguồn gốc xin.",
                        "Vào Cài đặt › Ứng dụng để thu hồi quyền không cần thiết.",
                    ],
                ],
                "illustration": "privacy",
                "alt": "Con mắt bị gạch chéo, tượng trưng cho việc không cho theo dõi",
            },
            {
                "title": "Cẩn thận với Wi-Fi công cộng",
                "body": [
                    "Wi-Fi miễn phí ở quán cà phê, bến xe tiện lợi nhưng người khác trong cùng mạng có thể theo dõi. "
                    "Không đăng nhập ngân hàng hay nộp hồ sơ quan trọng khi đang dùng Wi-Fi lạ; hãy dùng dữ liệu di động 4G của mình.",
                    "Tắt chế độ tự kết nối Wi-Fi và Bluetooth khi không dùng.",
                ],
                "illustration": "signal",
                "alt": "Các cột sóng tín hiệu mạng",
            },
            {
                "title": "Sao lưu dữ liệu",
                "body": [
                    "Điện thoại có thể hỏng, rơi xuống nước hoặc bị mất. Sao lưu giúp bạn giữ lại ảnh và danh bạ.",
                    [
                        "Bật sao lưu tự động lên Google Drive hoặc iCloud.",
                        "Lưu số điện thoại của người thân vào tài khoản, không chỉ trong máy.",
                        "Ghi nhớ mật khẩu tài khoản Google hoặc Apple ID ở nơi an toàn.",
                    ],
                ],
                "illustration": "document",
                "alt": "Tờ tài liệu được lưu giữ cẩn thận",
            },
            {
                "title": "Khi mất điện thoại",
                "body": [
                    "Hãy bình tĩnh và làm ngay theo thứ tự:",
                    [
                        "Gọi tổng đài nhà mạng để khoá SIM, tránh kẻ gian nhận mã OTP.",
                        "Gọi ngân hàng để tạm khoá ứng dụng ngân hàng.",
                        "Dùng “Tìm thiết bị” của Google hoặc “Tìm” của Apple để khoá máy từ xa.",
                        "Báo công an nơi gần nhất nếu bị trộm cắp.",
                    ],
                ],
                "illustration": "search",
                "alt": "Kính lúp đang tìm kiếm",
            },
            {
                "title": "Ghi nhớ",
                "body": [
                    "Năm thói quen giữ điện thoại an toàn: khoá màn hình, cập nhật thường xuyên, chỉ cài ứng dụng từ kho chính thức, "
                    "không dùng Wi-Fi lạ cho việc quan trọng và sao lưu dữ liệu. Hãy chia sẻ những điều này với ông bà, cha mẹ và con cháu.",
                ],
                "illustration": "shield",
                "alt": "Tấm khiên có dấu tích, tượng trưng cho sự an toàn",
            },
        ],
        "quiz": [
            {
                "prompt": "Mã khoá màn hình nào an toàn nhất?",
                "choices": ["123456", "Ngày sinh của bạn", "Một dãy 6 số khó đoán mà chỉ bạn biết", "Không đặt mã cho tiện"],
                "answer": 2,
                "explanation": "Dãy số dễ đoán hoặc ngày sinh rất dễ bị người khác thử ra.",
            },
            {
                "prompt": "Một người lạ gửi qua Zalo tệp “dichvucong.apk” và bảo bạn cài để làm thủ tục. Bạn nên làm gì?",
                "choices": ["Cài ngay cho nhanh", "Không cài; chỉ cài ứng dụng từ CH Play hoặc App Store", "Cài rồi xoá sau", "Gửi cho người thân cài hộ"],
                "answer": 1,
                "explanation": "Tệp .apk lạ thường là ứng dụng giả để chiếm tài khoản.",
            },
            {
                "prompt": "Khi đang dùng Wi-Fi miễn phí ở quán cà phê, việc nào nên tránh?",
                "choices": ["Đọc báo", "Xem bản đồ", "Chuyển tiền bằng ứng dụng ngân hàng", "Xem thời tiết"],
                "answer": 2,
                "explanation": "Việc quan trọng nên làm bằng dữ liệu di động của mình.",
            },
            {
                "prompt": "Mất điện thoại, việc đầu tiên nên làm là gì?",
                "choices": ["Chờ vài ngày xem có ai trả lại", "Gọi nhà mạng khoá SIM và gọi ngân hàng khoá tài khoản", "Mua điện thoại mới", "Đăng lên mạng xã hội"],
                "answer": 1,
                "explanation": "Khoá SIM ngăn kẻ gian nhận mã OTP của bạn.",
            },
        ],
    },
    {
        "identifier": "mat-khau-va-xac-thuc-hai-lop",
        "title": "Mật khẩu mạnh và xác thực hai lớp",
        "summary": "Đặt mật khẩu khó đoán mà dễ nhớ, không dùng chung, bật xác thực hai lớp và giữ kín mã OTP.",
        "slides": [
            {
                "title": "Mật khẩu là chìa khoá nhà",
                "body": [
                    "Mỗi tài khoản như Zalo, Facebook, email, ngân hàng hay Cổng dịch vụ công đều có một “chìa khoá” là mật khẩu. "
                    "Ai có chìa khoá thì vào được nhà. Kẻ gian thường đoán mật khẩu dễ hoặc lừa bạn tự nói ra.",
                ],
                "illustration": "key",
                "alt": "Chiếc chìa khoá lớn",
            },
            {
                "title": "Mật khẩu yếu trông như thế nào?",
                "body": [
                    "Những mật khẩu sau có thể bị đoán ra trong vài giây:",
                    [
                        "123456, 111111, abc123, matkhau.",
                        "Tên, ngày sinh, số điện thoại của bạn hoặc con cháu.",
                        "Một từ đơn giản như “hanoi” hay “iloveyou”.",
                    ],
                    "Kẻ gian có sẵn danh sách hàng triệu mật khẩu phổ biến và máy tính thử rất nhanh.",
                ],
                "illustration": "warning",
                "alt": "Biển cảnh báo màu vàng",
            },
            {
                "title": "Cách đặt mật khẩu mạnh mà dễ nhớ",
                "body": [
                    "Hãy ghép ba bốn từ mà chỉ bạn liên tưởng được, thêm số và ký hiệu. Ví dụ: “Mây-Trắng-Bay-Qua-Đồi-7!”. "
                    "Mật khẩu dài từ 12 ký tự trở lên khó bị đoán hơn nhiều so với mật khẩu ngắn và phức tạp.",
                    ["Dài ít nhất 12 ký tự.", "Có chữ hoa, chữ thường, số và ký hiệu.", "Không chứa thông tin cá nhân."],
                ],
                "illustration": "lock",
                "alt": "Ổ khoá chắc chắn",
            },
            {
                "title": "Mỗi tài khoản một mật khẩu",
                "body": [
                    "Nếu dùng chung một mật khẩu, khi một trang web bị lộ dữ liệu, kẻ gian sẽ thử mật khẩu đó ở Zalo, email và ngân hàng của bạn.",
                    "Ít nhất hãy dùng mật khẩu riêng cho email, ngân hàng và VNeID. Có thể dùng trình quản lý mật khẩu có sẵn trong điện thoại để ghi nhớ giúp bạn.",
                ],
                "illustration": "checklist",
                "alt": "Danh sách được đánh dấu từng mục",
            },
            {
                "title": "Xác thực hai lớp là gì?",
                "body": [
                    "Xác thực hai lớp yêu cầu thêm một bước ngoài mật khẩu: mã OTP gửi qua tin nhắn, mã trong ứng dụng xác thực, vân tay hoặc khuôn mặt.",
                    "Dù kẻ gian biết mật khẩu, họ vẫn không vào được nếu không có điện thoại của bạn. Đây là cách bảo vệ hiệu quả nhất hiện nay.",
                ],
                "illustration": "shield",
                "alt": "Tấm khiên có dấu tích",
            },
            {
                "title": "Bật xác thực hai lớp",
                "body": [
                    "Hầu hết dịch vụ đều có chức năng này trong phần Cài đặt, mục Bảo mật:",
                    [
                        "Zalo: Cài đặt › Tài khoản và bảo mật › Xác thực hai yếu tố.",
                        "Facebook: Cài đặt › Trung tâm tài khoản › Mật khẩu và bảo mật.",
                        "Gmail: Tài khoản Google › Bảo mật › Xác minh 2 bước.",
                    ],
                ],
                "illustration": "phone",
                "alt": "Điện thoại hiển thị phần cài đặt",
            },
            {
                "title": "Mã OTP: tuyệt đối giữ kín",
                "body": [
                    "Mã OTP chỉ dùng một lần và chỉ dành cho chính bạn. Ngân hàng, công an hay nhà mạng không bao giờ gọi điện xin mã OTP.",
                    "Ai hỏi mã OTP, dù xưng là người quen hay cán bộ, đều là kẻ lừa đảo. Hãy dập máy và gọi lại số tổng đài chính thức.",
                ],
                "illustration": "privacy",
                "alt": "Con mắt bị gạch chéo, nghĩa là không cho ai xem",
            },
            {
                "title": "Khi nghi bị lộ mật khẩu",
                "body": [
                    [
                        "Đổi mật khẩu ngay, bắt đầu từ email và ngân hàng.",
                        "Đăng xuất khỏi các thiết bị lạ trong phần Bảo mật.",
                        "Bật xác thực hai lớp nếu chưa bật.",
                        "Báo cho bạn bè biết để họ không tin tin nhắn mạo danh bạn.",
                    ],
                ],
                "illustration": "clock",
                "alt": "Đồng hồ nhắc hành động ngay",
            },
        ],
        "quiz": [
            {
                "prompt": "Mật khẩu nào mạnh nhất?",
                "choices": ["12345678", "nguyenvanan1960", "Mây-Trắng-Bay-Qua-Đồi-7!", "matkhau"],
                "answer": 2,
                "explanation": "Mật khẩu dài, ghép nhiều từ, có số và ký hiệu rất khó đoán.",
            },
            {
                "prompt": "Vì sao không nên dùng một mật khẩu cho mọi tài khoản?",
                "choices": ["Vì khó nhớ", "Vì lộ ở một nơi thì kẻ gian vào được mọi nơi", "Vì luật cấm", "Vì điện thoại chậm đi"],
                "answer": 1,
            },
            {
                "prompt": "Một người gọi điện xưng là nhân viên ngân hàng và xin mã OTP vừa gửi tới máy bạn. Bạn làm gì?",
                "choices": ["Đọc mã cho họ", "Nhắn mã qua Zalo", "Không cung cấp, dập máy và gọi tổng đài chính thức của ngân hàng", "Hỏi tên rồi đọc mã"],
                "answer": 2,
                "explanation": "Ngân hàng không bao giờ xin mã OTP.",
            },
            {
                "prompt": "Xác thực hai lớp giúp gì?",
                "choices": ["Làm điện thoại chạy nhanh hơn", "Kẻ gian biết mật khẩu vẫn không đăng nhập được", "Không cần mật khẩu nữa", "Tiết kiệm pin"],
                "answer": 1,
            },
        ],
    },
    {
        "identifier": "nhan-dien-lua-dao-truc-tuyen",
        "title": "Nhận diện lừa đảo trực tuyến",
        "summary": "Các chiêu lừa phổ biến: giả danh cơ quan nhà nước, đường link lạ, trúng thưởng, việc nhẹ lương cao — và cách phòng tránh.",
        "slides": [
            {
                "title": "Lừa đảo trực tuyến ngày càng tinh vi",
                "body": [
                    "Kẻ lừa đảo dùng điện thoại, tin nhắn, Zalo, Facebook để chiếm tiền và thông tin cá nhân. "
                    "Chúng nắm tâm lý sợ hãi, hám lợi hoặc cả tin của người dân, đặc biệt là người cao tuổi.",
                    "Biết trước các chiêu trò là cách phòng vệ tốt nhất.",
                ],
                "illustration": "warning",
                "alt": "Biển cảnh báo nguy hiểm",
            },
            {
                "title": "Giả danh công an, toà án, cơ quan thuế",
                "body": [
                    "Kẻ gian gọi điện nói bạn liên quan đến một vụ án, nợ thuế hay sắp bị khoá định danh điện tử, rồi yêu cầu chuyển tiền “để xác minh” hoặc cài ứng dụng lạ.",
                    "Hãy nhớ: cơ quan nhà nước làm việc bằng giấy mời trực tiếp, không yêu cầu chuyển tiền hay đọc mã OTP qua điện thoại.",
                ],
                "illustration": "id_card",
                "alt": "Thẻ căn cước",
            },
            {
                "title": "Đường link và trang web giả",
                "body": [
                    "Tin nhắn báo tài khoản ngân hàng bị khoá, kèm đường link để “xác thực lại”. Trang web giả trông giống hệt trang thật nhưng địa chỉ sai một vài chữ.",
                    [
                        "Không bấm link trong tin nhắn lạ.",
                        "Tự mở ứng dụng ngân hàng hoặc gõ địa chỉ trang chính thức.",
                        "Trang dịch vụ công thật có tên miền kết thúc bằng .gov.vn.",
                    ],
                ],
                "illustration": "portal",
                "alt": "Trang web trên màn hình trình duyệt",
            },
            {
                "title": "Trúng thưởng và quà tặng",
                "body": [
                    "“Chúc mừng bạn trúng xe máy, hãy nộp phí vận chuyển” — đây là chiêu cũ nhưng vẫn có người mắc. "
                    "Không có giải thưởng nào bắt bạn nộp tiền trước mới được nhận.",
                ],
                "illustration": "wallet",
                "alt": "Chiếc ví tiền",
            },
            {
                "title": "Việc nhẹ lương cao, đầu tư lãi lớn",
                "body": [
                    "Kẻ gian mời làm “cộng tác viên” thả tim, chốt đơn, nạp tiền làm nhiệm vụ. Ban đầu trả thưởng nhỏ cho bạn tin, sau đó đòi nạp số tiền lớn rồi biến mất.",
                    "Lời hứa lãi cao, nhanh, không rủi ro gần như chắc chắn là lừa đảo.",
                ],
                "illustration": "people",
                "alt": "Nhóm người trên mạng",
            },
            {
                "title": "Giả giọng, giả hình người quen",
                "body": [
                    "Tài khoản Zalo, Facebook của người quen bị chiếm, rồi kẻ gian nhắn vay tiền gấp. Nay chúng còn dùng trí tuệ nhân tạo để giả giọng, giả khuôn mặt khi gọi video ngắn.",
                    "Hãy gọi điện trực tiếp vào số bạn vẫn biết để hỏi lại trước khi chuyển tiền.",
                ],
                "illustration": "chat",
                "alt": "Hai khung tin nhắn trò chuyện",
            },
            {
                "title": "Dấu hiệu chung của lừa đảo",
                "body": [
                    [
                        "Thúc giục, doạ nạt: “phải làm ngay”, “nếu không sẽ bị bắt”.",
                        "Yêu cầu giữ bí mật, không được nói với ai.",
                        "Đòi chuyển tiền, mã OTP, mật khẩu hoặc ảnh căn cước.",
                        "Lời hứa quá tốt để là sự thật.",
                    ],
                    "Gặp một trong các dấu hiệu này: dừng lại, hỏi người thân.",
                ],
                "illustration": "checklist",
                "alt": "Danh sách dấu hiệu cần kiểm tra",
            },
            {
                "title": "Bị lừa rồi phải làm gì?",
                "body": [
                    [
                        "Gọi ngay ngân hàng để yêu cầu tạm khoá tài khoản và tra soát giao dịch.",
                        "Lưu lại tin nhắn, số điện thoại, biên lai chuyển tiền.",
                        "Trình báo công an xã, phường nơi gần nhất.",
                        "Phản ánh cuộc gọi rác tới tổng đài 156, tin nhắn rác tới 5656.",
                    ],
                ],
                "illustration": "shield",
                "alt": "Tấm khiên bảo vệ",
            },
            {
                "title": "Ghi nhớ: Dừng lại — Kiểm tra — Hỏi người tin cậy",
                "body": [
                    "Không vội, không sợ, không tham. Kiểm tra thông tin qua kênh chính thức. Hỏi người thân hoặc cán bộ xã, phường trước khi chuyển tiền. "
                    "Tham khảo cảnh báo mới tại trang canhbao.khonggianmang.gov.vn.",
                ],
                "illustration": "lightbulb",
                "alt": "Bóng đèn sáng, tượng trưng cho sự tỉnh táo",
            },
        ],
        "quiz": [
            {
                "prompt": "Người gọi xưng là công an, nói bạn liên quan đến vụ án và yêu cầu chuyển tiền để “xác minh”. Đó là:",
                "choices": ["Thủ tục bình thường", "Lừa đảo", "Yêu cầu của toà án", "Chương trình khuyến mại"],
                "answer": 1,
                "explanation": "Cơ quan nhà nước không yêu cầu chuyển tiền qua điện thoại.",
            },
            {
                "prompt": "Tin nhắn báo tài khoản ngân hàng bị khoá kèm đường link. Bạn nên:",
                "choices": ["Bấm link và đăng nhập", "Tự mở ứng dụng ngân hàng hoặc gọi tổng đài chính thức", "Chuyển tiếp cho bạn bè", "Trả lời tin nhắn"],
                "answer": 1,
            },
            {
                "prompt": "Dấu hiệu nào KHÔNG phải của lừa đảo?",
                "choices": ["Thúc giục phải làm ngay", "Yêu cầu giữ bí mật", "Giấy mời làm việc gửi trực tiếp tới nhà từ cơ quan có dấu đỏ", "Hứa lãi cao không rủi ro"],
                "answer": 2,
            },
            {
                "prompt": "Người quen nhắn Zalo vay tiền gấp. Việc nên làm trước khi chuyển tiền là:",
                "choices": ["Chuyển ngay vì là người quen", "Gọi điện vào số bạn vẫn biết để hỏi lại", "Hỏi số tài khoản", "Nhờ họ gửi ảnh căn cước"],
                "answer": 1,
                "explanation": "Tài khoản có thể đã bị chiếm; giọng và hình cũng có thể bị giả.",
            },
        ],
    },
]
