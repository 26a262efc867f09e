"""Chủ đề 2 — Sử dụng dịch vụ số thiết yếu (SCORM 1.2)."""

THEME = {
    "slug": "su-dung-dich-vu-so-thiet-yeu",
    "title": "Sử dụng dịch vụ số thiết yếu",
    "summary": "Tài khoản định danh điện tử VNeID, Cổng Dịch vụ công quốc gia và thanh toán không dùng tiền mặt bằng mã QR.",
    "accent": "#38761d",
}

MODULES = [
    {
        "identifier": "dinh-danh-dien-tu-vneid",
        "title": "Tài khoản định danh điện tử VNeID",
        "summary": "VNeID là gì, mức 1 và mức 2 khác nhau thế nào, cách kích hoạt và dùng giấy tờ điện tử an toàn.",
        "slides": [
            {
                "title": "VNeID là gì?",
                "body": [
                    "VNeID là ứng dụng định danh và xác thực điện tử do Bộ Công an xây dựng. Tài khoản VNeID giúp chứng minh bạn là ai trên môi trường số, "
                    "giống như thẻ căn cước trong đời thực.",
                    "Ứng dụng miễn phí, tải từ CH Play hoặc App Store với tên “VNeID”.",
                ],
                "illustration": "id_card",
                "alt": "Thẻ căn cước điện tử",
            },
            {
                "title": "Tài khoản mức 1 và mức 2",
                "body": [
                    [
                        "Mức 1: tự đăng ký trên ứng dụng, có thông tin cơ bản và ảnh chân dung; dùng được một số dịch vụ.",
                        "Mức 2: đăng ký tại công an xã, phường khi làm căn cước; có đầy đủ giá trị như thẻ căn cước khi xuất trình.",
                    ],
                    "Tài khoản mức 2 dùng được cho hầu hết thủ tục hành chính và nhiều giao dịch hằng ngày.",
                ],
                "illustration": "checklist",
                "alt": "Danh sách so sánh hai mức tài khoản",
            },
            {
                "title": "Kích hoạt tài khoản",
                "body": [
                    "Sau khi đăng ký mức 2, bạn nhận tin nhắn kích hoạt. Mở ứng dụng VNeID, nhập số định danh cá nhân, số điện thoại và mã kích hoạt, rồi đặt mật khẩu.",
                    "Chỉ dùng số điện thoại chính chủ. Nếu gặp khó khăn, hãy nhờ cán bộ công an xã, phường hoặc tổ công nghệ số cộng đồng hỗ trợ trực tiếp.",
                ],
                "illustration": "phone",
                "alt": "Điện thoại đang mở ứng dụng",
            },
            {
                "title": "Mật khẩu và mã bảo vệ",
                "body": [
                    "VNeID có mật khẩu đăng nhập và mã bảo vệ gồm 6 số (passcode). Không đặt 6 số giống nhau hay ngày sinh.",
                    [
                        "Không chia sẻ mật khẩu và passcode với bất kỳ ai.",
                        "Không để người lạ cầm máy “kích hoạt giúp”.",
                        "Đổi mật khẩu ngay nếu nghi bị lộ.",
                    ],
                ],
                "illustration": "lock",
                "alt": "Ổ khoá bảo vệ tài khoản",
            },
            {
                "title": "Giấy tờ điện tử trong ví VNeID",
                "body": [
                    "Bạn có thể tích hợp thẻ bảo hiểm y tế, giấy phép lái xe, đăng ký xe vào ví giấy tờ của VNeID. "
                    "Khi đi khám bệnh hay bị kiểm tra giấy tờ, bạn có thể xuất trình trên ứng dụng thay cho bản giấy ở nhiều nơi.",
                ],
                "illustration": "wallet",
                "alt": "Chiếc ví chứa các giấy tờ",
            },
            {
                "title": "Đăng nhập dịch vụ công bằng VNeID",
                "body": [
                    "Cổng Dịch vụ công quốc gia và nhiều cổng dịch vụ công của tỉnh, thành phố cho phép đăng nhập bằng tài khoản VNeID. "
                    "Thông tin cá nhân được điền sẵn, bạn không phải khai lại nhiều lần và ít phải nộp bản sao giấy tờ.",
                ],
                "illustration": "portal",
                "alt": "Trang dịch vụ công trên màn hình",
            },
            {
                "title": "Cảnh giác với VNeID giả",
                "body": [
                    "Kẻ gian gọi điện xưng công an, hướng dẫn “cập nhật định danh mức 2” qua đường link hoặc tệp cài đặt lạ để chiếm điện thoại.",
                    [
                        "Chỉ tải VNeID từ kho ứng dụng chính thức.",
                        "Công an không hướng dẫn kích hoạt qua điện thoại với người lạ.",
                        "Không cung cấp ảnh căn cước, mã OTP cho ai.",
                    ],
                ],
                "illustration": "warning",
                "alt": "Biển cảnh báo",
            },
            {
                "title": "Ghi nhớ",
                "body": [
                    "VNeID là giấy tờ tuỳ thân trên điện thoại của bạn. Đăng ký mức 2 tại công an xã, phường; tự kích hoạt trên máy của mình; "
                    "giữ kín mật khẩu và passcode; chỉ tải ứng dụng chính thức. Khi cần, hãy hỏi tổ công nghệ số cộng đồng nơi bạn sống.",
                ],
                "illustration": "shield",
                "alt": "Tấm khiên an toàn",
            },
        ],
        "quiz": [
            {
                "prompt": "Tài khoản VNeID mức 2 được đăng ký ở đâu?",
                "choices": ["Qua tin nhắn người lạ gửi", "Tại công an xã, phường khi làm căn cước", "Ở cửa hàng điện thoại", "Trên Facebook"],
                "answer": 1,
            },
            {
                "prompt": "Có người gọi xưng công an, gửi link để “nâng cấp VNeID”. Bạn nên:",
                "choices": ["Bấm link ngay", "Không làm theo, chỉ dùng ứng dụng tải từ kho chính thức và hỏi công an xã, phường", "Gửi ảnh căn cước cho họ", "Đọc mã OTP"],
                "answer": 1,
            },
            {
                "prompt": "Giấy tờ nào có thể tích hợp vào VNeID?",
                "choices": ["Thẻ bảo hiểm y tế và giấy phép lái xe", "Sổ tiết kiệm", "Hoá đơn tiền điện", "Vé xem phim"],
                "answer": 0,
            },
            {
                "prompt": "Mã bảo vệ (passcode) 6 số nào nên tránh?",
                "choices": ["Một dãy số khó đoán chỉ bạn biết", "111111 hoặc ngày sinh của bạn", "Passcode nào cũng an toàn như nhau", "Không cần passcode"],
                "answer": 1,
            },
        ],
    },
    {
        "identifier": "dich-vu-cong-truc-tuyen",
        "title": "Làm thủ tục trên Cổng Dịch vụ công",
        "summary": "Nộp hồ sơ, theo dõi tiến độ, trả phí và nhận kết quả thủ tục hành chính trực tuyến, không phải xếp hàng.",
        "slides": [
            {
                "title": "Dịch vụ công trực tuyến là gì?",
                "body": [
                    "Dịch vụ công trực tuyến cho phép bạn nộp hồ sơ thủ tục hành chính qua mạng: đăng ký khai sinh, cấp đổi giấy phép lái xe, "
                    "đăng ký thường trú và nhiều việc khác, ở nhà vẫn làm được, bất kể giờ nào.",
                ],
                "illustration": "portal",
                "alt": "Trang web dịch vụ công",
            },
            {
                "title": "Vào đúng trang chính thức",
                "body": [
                    "Cổng Dịch vụ công quốc gia có địa chỉ dichvucong.gov.vn. Tỉnh, thành phố cũng có cổng dịch vụ công riêng, đều có tên miền kết thúc bằng .gov.vn.",
                    "Cẩn thận với trang giả có địa chỉ na ná, quảng cáo “làm hồ sơ nhanh” hoặc đòi phí bất thường.",
                ],
                "illustration": "globe",
                "alt": "Quả địa cầu tượng trưng cho mạng internet",
            },
            {
                "title": "Đăng nhập",
                "body": [
                    "Chọn “Đăng nhập”, rồi chọn đăng nhập bằng tài khoản định danh điện tử VNeID. Ứng dụng VNeID trên điện thoại sẽ hỏi bạn xác nhận.",
                    "Sau khi đăng nhập, họ tên, ngày sinh, số định danh được điền sẵn vào hồ sơ.",
                ],
                "illustration": "id_card",
                "alt": "Thẻ định danh dùng để đăng nhập",
            },
            {
                "title": "Tìm thủ tục và nộp hồ sơ",
                "body": [
                    [
                        "Gõ tên thủ tục vào ô tìm kiếm, ví dụ “đăng ký khai sinh”.",
                        "Chọn cơ quan giải quyết: xã, phường nơi bạn cư trú.",
                        "Điền thông tin còn thiếu và chụp ảnh giấy tờ cần thiết cho rõ nét.",
                        "Kiểm tra lại rồi bấm “Nộp hồ sơ”.",
                    ],
                ],
                "illustration": "document",
                "alt": "Tờ hồ sơ cần điền",
            },
            {
                "title": "Theo dõi hồ sơ",
                "body": [
                    "Mỗi hồ sơ có một mã số. Bạn theo dõi tiến độ trong mục “Quản lý hồ sơ” hoặc nhận tin nhắn, thư điện tử báo kết quả. "
                    "Nếu hồ sơ cần bổ sung, cán bộ sẽ ghi rõ lý do; hãy sửa và gửi lại trên cổng, không cần đến trực tiếp.",
                ],
                "illustration": "search",
                "alt": "Kính lúp tra cứu hồ sơ",
            },
            {
                "title": "Thanh toán lệ phí trực tuyến",
                "body": [
                    "Nhiều thủ tục có lệ phí được trả ngay trên cổng qua ứng dụng ngân hàng hoặc ví điện tử. Biên lai điện tử được lưu trong hồ sơ của bạn.",
                    "Chỉ trả phí trong trang cổng dịch vụ công, không chuyển khoản cho cá nhân tự xưng là cán bộ.",
                ],
                "illustration": "wallet",
                "alt": "Chiếc ví dùng để thanh toán",
            },
            {
                "title": "Nhận kết quả",
                "body": [
                    "Kết quả có thể là bản điện tử (có giá trị như bản giấy) lưu trong kho dữ liệu của bạn, hoặc bản giấy nhận tại bộ phận một cửa hay qua bưu điện. "
                    "Hãy đánh giá mức độ hài lòng để cơ quan cải thiện dịch vụ.",
                ],
                "illustration": "checklist",
                "alt": "Danh sách các bước đã xong",
            },
            {
                "title": "Cần giúp đỡ?",
                "body": [
                    "Nếu chưa quen, hãy đến bộ phận một cửa của xã, phường: cán bộ và tổ công nghệ số cộng đồng sẽ hướng dẫn bạn làm lần đầu. "
                    "Tổng đài hỗ trợ của Cổng Dịch vụ công quốc gia là 18001096.",
                ],
                "illustration": "people",
                "alt": "Những người sẵn sàng giúp đỡ",
            },
        ],
        "quiz": [
            {
                "prompt": "Địa chỉ nào là Cổng Dịch vụ công quốc gia?",
                "choices": ["dichvucong.gov.vn", "dichvucong-nhanh.com", "lamhoso24h.vn", "dvc.online"],
                "answer": 0,
                "explanation": "Trang của cơ quan nhà nước có tên miền .gov.vn.",
            },
            {
                "prompt": "Cách đăng nhập Cổng Dịch vụ công thuận tiện được giới thiệu trong bài là:",
                "choices": ["Bằng tài khoản Facebook", "Bằng tài khoản định danh điện tử VNeID", "Không cần đăng nhập", "Nhờ người lạ đăng nhập hộ"],
                "answer": 1,
            },
            {
                "prompt": "Hồ sơ cần bổ sung thì bạn làm gì?",
                "choices": ["Bỏ hồ sơ, nộp lại từ đầu ở nơi khác", "Sửa theo hướng dẫn và gửi lại trên cổng", "Chuyển tiền cho cán bộ", "Không làm gì"],
                "answer": 1,
            },
            {
                "prompt": "Một người tự xưng cán bộ đề nghị bạn chuyển khoản lệ phí vào tài khoản cá nhân. Bạn nên:",
                "choices": ["Chuyển cho nhanh", "Từ chối, chỉ trả phí trên cổng dịch vụ công", "Chuyển một nửa", "Gửi tiền mặt"],
                "answer": 1,
            },
        ],
    },
    {
        "identifier": "thanh-toan-khong-dung-tien-mat",
        "title": "Thanh toán không dùng tiền mặt và mã QR",
        "summary": "Dùng ứng dụng ngân hàng và mã QR an toàn: kiểm tra người nhận, xác thực sinh trắc học, tránh mã QR giả.",
        "slides": [
            {
                "title": "Vì sao nên thanh toán không dùng tiền mặt?",
                "body": [
                    "Chuyển khoản và quét mã QR giúp trả tiền chợ, tiền điện, học phí, lệ phí nhanh chóng, không lo tiền lẻ, tiền giả hay mất ví. "
                    "Mọi giao dịch đều được ghi lại, dễ tra soát khi có sai sót.",
                ],
                "illustration": "wallet",
                "alt": "Chiếc ví điện tử",
            },
            {
                "title": "Mở tài khoản và cài ứng dụng ngân hàng",
                "body": [
                    "Bạn mở tài khoản tại quầy giao dịch hoặc trực tuyến bằng căn cước gắn chip. Cài ứng dụng của đúng ngân hàng từ CH Play hoặc App Store.",
                    ["Đặt mật khẩu riêng cho ứng dụng ngân hàng.", "Đăng ký số điện thoại chính chủ để nhận thông báo."],
                ],
                "illustration": "phone",
                "alt": "Điện thoại có ứng dụng ngân hàng",
            },
            {
                "title": "Mã QR là gì?",
                "body": [
                    "Mã QR là ô vuông gồm các chấm đen trắng chứa thông tin tài khoản người nhận. Tiêu chuẩn VietQR giúp mọi ứng dụng ngân hàng trong nước đọc được cùng một mã.",
                    "Khi quét, ứng dụng tự điền số tài khoản, có khi điền cả số tiền, bạn không phải gõ tay.",
                ],
                "illustration": "qr",
                "alt": "Mã QR thanh toán",
            },
            {
                "title": "Các bước trả tiền bằng mã QR",
                "body": [
                    [
                        "Mở ứng dụng ngân hàng, chọn “Quét mã QR”.",
                        "Đưa camera vào mã của người bán.",
                        "Kiểm tra tên người nhận có đúng cửa hàng không.",
                        "Nhập hoặc kiểm tra số tiền, rồi xác nhận.",
                        "Cho người bán xem màn hình giao dịch thành công.",
                    ],
                ],
                "illustration": "checklist",
                "alt": "Danh sách các bước",
            },
            {
                "title": "Luôn kiểm tra tên người nhận",
                "body": [
                    "Kẻ gian có thể dán mã QR của mình đè lên mã của cửa hàng. Trước khi bấm xác nhận, hãy đọc tên chủ tài khoản hiện trên màn hình. "
                    "Tên không khớp với cửa hàng thì dừng lại và hỏi người bán.",
                ],
                "illustration": "search",
                "alt": "Kính lúp kiểm tra thông tin",
            },
            {
                "title": "Xác thực bằng khuôn mặt",
                "body": [
                    "Theo quy định của Ngân hàng Nhà nước, giao dịch chuyển tiền trên 10 triệu đồng một lần, hoặc tổng trên 20 triệu đồng một ngày, phải xác thực bằng sinh trắc học khuôn mặt. "
                    "Điều này giúp kẻ gian khó rút tiền của bạn dù biết mật khẩu.",
                    "Chỉ cập nhật sinh trắc học trong ứng dụng ngân hàng của bạn, không qua đường link lạ.",
                ],
                "illustration": "id_card",
                "alt": "Thẻ căn cước dùng để xác thực",
            },
            {
                "title": "Không quét mã QR lạ",
                "body": [
                    [
                        "Không quét mã QR dán ở nơi công cộng hứa tặng quà, nhận thưởng.",
                        "Mã QR để nhận tiền không bao giờ bắt bạn nhập mật khẩu hay mã OTP.",
                        "Không chuyển tiền cho người bạn chưa gặp chỉ vì họ gửi mã QR.",
                    ],
                ],
                "illustration": "warning",
                "alt": "Biển cảnh báo",
            },
            {
                "title": "Chuyển nhầm hoặc bị lừa",
                "body": [
                    "Gọi ngay tổng đài ngân hàng để yêu cầu tra soát, giữ lại ảnh chụp giao dịch. Nếu bị lừa, trình báo công an xã, phường. "
                    "Đặt hạn mức chuyển tiền hằng ngày vừa đủ dùng để giảm thiệt hại khi có sự cố.",
                ],
                "illustration": "shield",
                "alt": "Tấm khiên bảo vệ",
            },
        ],
        "quiz": [
            {
                "prompt": "Trước khi xác nhận thanh toán bằng mã QR, bạn cần kiểm tra gì?",
                "choices": ["Màu của mã QR", "Tên người nhận và số tiền", "Giờ hiện tại", "Độ sáng màn hình"],
                "answer": 1,
            },
            {
                "prompt": "Chuyển 15 triệu đồng một lần thì ứng dụng ngân hàng yêu cầu gì?",
                "choices": ["Không yêu cầu gì thêm", "Xác thực sinh trắc học khuôn mặt", "Gửi ảnh căn cước qua Zalo", "Gọi điện cho người nhận"],
                "answer": 1,
            },
            {
                "prompt": "Một mã QR dán ở trạm xe buýt hứa “quét để nhận quà”, sau đó đòi nhập mã OTP. Đó là:",
                "choices": ["Khuyến mại thật", "Lừa đảo", "Thủ tục ngân hàng", "Khảo sát"],
                "answer": 1,
            },
            {
                "prompt": "Chuyển nhầm tiền, bạn nên làm gì trước?",
                "choices": ["Đăng lên mạng xã hội", "Gọi tổng đài ngân hàng yêu cầu tra soát", "Chờ người nhận tự trả", "Xoá ứng dụng"],
                "answer": 1,
            },
        ],
    },
]
