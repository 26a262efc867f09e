"""Chủ đề 3 — Tương tác trên môi trường số (SCORM 2004 3rd edition)."""

THEME = {
    "slug": "tuong-tac-tren-moi-truong-so",
    "title": "Tương tác trên môi trường số",
    "summary": "Giao tiếp văn minh trên mạng, nhận diện tin giả và bảo vệ dữ liệu cá nhân của bạn và gia đình.",
    "accent": "#741b47",
}

MODULES = [
    {
        "identifier": "giao-tiep-van-minh-tren-mang",
        "title": "Giao tiếp văn minh trên mạng",
        "summary": "Ứng xử tôn trọng trên mạng xã hội và nhóm chat, suy nghĩ trước khi đăng, xử lý bình luận tiêu cực.",
        "slides": [
            {
                "title": "Trên mạng cũng là ngoài đời",
                "body": [
                    "Mỗi bình luận, tin nhắn hay bài đăng đều được người thật đọc, và có thể tồn tại rất lâu. "
                    "Hãy nói năng trên mạng như khi nói chuyện trực tiếp với hàng xóm: lịch sự, đúng mực, có trách nhiệm.",
                ],
                "illustration": "chat",
                "alt": "Hai khung tin nhắn trò chuyện",
            },
            {
                "title": "Bộ Quy tắc ứng xử trên mạng xã hội",
                "body": [
                    "Năm 2021, Bộ Thông tin và Truyền thông ban hành Bộ Quy tắc ứng xử trên mạng xã hội. Quy tắc kêu gọi mọi người:",
                    [
                        "Tôn trọng, tuân thủ pháp luật.",
                        "Lành mạnh, không đăng nội dung vi phạm thuần phong mỹ tục.",
                        "An toàn, bảo mật thông tin.",
                        "Chịu trách nhiệm về nội dung mình đăng và chia sẻ.",
                    ],
                ],
                "illustration": "scales",
                "alt": "Cái cân tượng trưng cho pháp luật và sự công bằng",
            },
            {
                "title": "Suy nghĩ trước khi đăng",
                "body": [
                    "Trước khi bấm “Đăng”, hãy tự hỏi ba câu:",
                    [
                        "Điều này có đúng sự thật không?",
                        "Có làm tổn thương ai không?",
                        "Mình có ngại nếu người thân, đồng nghiệp đọc được không?",
                    ],
                    "Nếu còn phân vân, tốt nhất là chưa đăng.",
                ],
                "illustration": "lightbulb",
                "alt": "Bóng đèn sáng tượng trưng cho suy nghĩ",
            },
            {
                "title": "Lời lẽ tôn trọng",
                "body": [
                    "Có thể không đồng ý, nhưng hãy góp ý vào vấn đề, không công kích con người. Không dùng lời tục tĩu, không viết hoa toàn bộ vì trông như đang quát. "
                    "Cảm ơn, xin lỗi trên mạng cũng quan trọng như ngoài đời.",
                ],
                "illustration": "heart",
                "alt": "Trái tim tượng trưng cho sự tôn trọng",
            },
            {
                "title": "Nhóm Zalo tổ dân phố, cơ quan",
                "body": [
                    [
                        "Đăng đúng chủ đề của nhóm; chuyện riêng thì nhắn riêng.",
                        "Không gửi tin nhắn hàng loạt, quảng cáo, chuỗi “chia sẻ để nhận may mắn”.",
                        "Hạn chế nhắn tin vào đêm khuya.",
                        "Không đưa ảnh, số điện thoại của người khác vào nhóm khi chưa được đồng ý.",
                    ],
                ],
                "illustration": "people",
                "alt": "Những thành viên của một nhóm",
            },
            {
                "title": "Gặp bình luận tiêu cực, bắt nạt",
                "body": [
                    "Đừng đáp trả bằng lời lẽ nặng nề; tranh cãi chỉ làm việc tệ hơn. Hãy bỏ qua, chặn người đó và dùng chức năng “Báo cáo” của mạng xã hội.",
                    "Nếu bị đe doạ, xúc phạm nghiêm trọng, hãy chụp màn hình làm bằng chứng và báo cơ quan công an.",
                ],
                "illustration": "shield",
                "alt": "Tấm khiên bảo vệ",
            },
            {
                "title": "Bảo vệ trẻ em trên mạng",
                "body": [
                    "Không đăng ảnh con cháu kèm tên trường, địa chỉ nhà. Trò chuyện với trẻ về việc gặp người lạ trên mạng, "
                    "cùng trẻ đặt giới hạn thời gian dùng điện thoại và chọn ứng dụng phù hợp lứa tuổi.",
                ],
                "illustration": "family",
                "alt": "Ngôi nhà có người lớn và trẻ nhỏ",
            },
            {
                "title": "Ghi nhớ",
                "body": [
                    "Văn minh trên mạng là: nói điều đúng, nói lời tử tế, tôn trọng quyền riêng tư của người khác và chịu trách nhiệm về những gì mình đăng. "
                    "Mỗi người dùng mạng lịch sự góp phần làm không gian mạng an toàn cho cả cộng đồng.",
                ],
                "illustration": "globe",
                "alt": "Quả địa cầu tượng trưng cho không gian mạng",
            },
        ],
        "quiz": [
            {
                "prompt": "Trước khi đăng một bài lên mạng, câu hỏi nào nên tự hỏi?",
                "choices": ["Bài này có nhiều lượt thích không?", "Điều này có đúng và có làm tổn thương ai không?", "Có nên viết hoa toàn bộ không?", "Đăng lúc nào nhiều người xem nhất?"],
                "answer": 1,
            },
            {
                "prompt": "Bị người khác bình luận xúc phạm, cách xử lý phù hợp là:",
                "choices": ["Chửi lại cho hả giận", "Bỏ qua, chặn, báo cáo; nghiêm trọng thì lưu bằng chứng và báo công an", "Đăng thông tin cá nhân của họ", "Rủ bạn bè vào tranh cãi"],
                "answer": 1,
            },
            {
                "prompt": "Trong nhóm Zalo tổ dân phố, việc nào nên tránh?",
                "choices": ["Thông báo lịch họp", "Gửi chuỗi tin “chia sẻ để nhận may mắn”", "Cảm ơn người giúp đỡ", "Hỏi về lịch tiêm chủng"],
                "answer": 1,
            },
            {
                "prompt": "Vì sao không nên đăng ảnh con kèm tên trường và địa chỉ nhà?",
                "choices": ["Vì ảnh sẽ mờ", "Vì người xấu có thể tìm đến trẻ", "Vì tốn dung lượng", "Vì mạng xã hội cấm đăng ảnh"],
                "answer": 1,
            },
        ],
    },
    {
        "identifier": "nhan-dien-tin-gia",
        "title": "Nhận diện tin giả",
        "summary": "Vì sao tin giả lan nhanh, cách kiểm tra nguồn, ngày tháng, hình ảnh, và trách nhiệm khi chia sẻ.",
        "slides": [
            {
                "title": "Tin giả là gì?",
                "body": [
                    "Tin giả là thông tin sai sự thật được lan truyền như thể là thật: bịa đặt hoàn toàn, cắt ghép, hoặc lấy chuyện cũ nói thành chuyện mới. "
                    "Tin giả có thể gây hoang mang, làm hại sức khoẻ, tiền bạc và danh dự của người khác.",
                ],
                "illustration": "news",
                "alt": "Tờ báo có dấu hỏi lớn",
            },
            {
                "title": "Vì sao tin giả lan nhanh?",
                "body": [
                    "Tin giả thường đánh vào cảm xúc mạnh: sợ hãi, phẫn nộ, thương xót. Khi xúc động, người ta dễ bấm chia sẻ ngay mà không kiểm tra. "
                    "Tiêu đề giật gân, nhiều dấu chấm than, lời kêu gọi “chia sẻ gấp” là dấu hiệu cần dè chừng.",
                ],
                "illustration": "warning",
                "alt": "Biển cảnh báo",
            },
            {
                "title": "Bước 1: Xem nguồn tin",
                "body": [
                    [
                        "Ai đăng tin này? Là cơ quan nhà nước, báo chí chính thống hay một trang không rõ chủ?",
                        "Tên trang có giả mạo tên báo lớn không?",
                        "Thông tin chính thức của chính quyền thường có trên cổng thông tin có đuôi .gov.vn.",
                    ],
                ],
                "illustration": "search",
                "alt": "Kính lúp kiểm tra nguồn tin",
            },
            {
                "title": "Bước 2: Xem ngày tháng và bối cảnh",
                "body": [
                    "Nhiều tin “nóng” thật ra là chuyện từ nhiều năm trước, hoặc xảy ra ở nước khác. "
                    "Hãy xem ngày đăng, địa điểm và đọc cả bài chứ không chỉ đọc tiêu đề.",
                ],
                "illustration": "clock",
                "alt": "Đồng hồ nhắc xem thời gian",
            },
            {
                "title": "Bước 3: Kiểm tra hình ảnh, video",
                "body": [
                    "Ảnh có thể bị cắt ghép, video có thể bị lồng tiếng hoặc làm giả bằng trí tuệ nhân tạo. "
                    "Dùng chức năng tìm kiếm bằng hình ảnh của Google để xem ảnh đã xuất hiện ở đâu, từ khi nào.",
                    "Khuôn mặt, bàn tay, chữ viết méo mó, giọng nói không khớp khẩu hình là dấu hiệu của nội dung giả.",
                ],
                "illustration": "privacy",
                "alt": "Con mắt bị gạch chéo: không tin ngay điều mắt thấy",
            },
            {
                "title": "Bước 4: Đối chiếu nhiều nguồn",
                "body": [
                    "Một sự kiện quan trọng thật sẽ được nhiều báo chính thống đưa tin. Nếu chỉ thấy trên vài trang lạ và nhóm chat, hãy nghi ngờ. "
                    "Với thông tin về sức khoẻ, hãy hỏi nhân viên y tế thay vì tin lời truyền miệng.",
                ],
                "illustration": "document",
                "alt": "Tài liệu để đối chiếu",
            },
            {
                "title": "Chia sẻ có trách nhiệm",
                "body": [
                    "Người chia sẻ tin sai sự thật cũng có thể bị xử phạt hành chính, thậm chí bị truy cứu trách nhiệm hình sự nếu gây hậu quả nghiêm trọng. "
                    "Chưa chắc chắn thì không chia sẻ. Khi thấy người thân gửi tin sai, hãy nhẹ nhàng gửi họ nguồn tin chính thống.",
                ],
                "illustration": "scales",
                "alt": "Cái cân tượng trưng cho trách nhiệm pháp lý",
            },
            {
                "title": "Báo cáo tin giả",
                "body": [
                    "Dùng chức năng “Báo cáo” trên Facebook, Zalo, YouTube cho bài viết sai sự thật. "
                    "Bạn cũng có thể phản ánh tới cơ quan chức năng, ví dụ Trung tâm Xử lý tin giả Việt Nam qua trang tingia.gov.vn.",
                ],
                "illustration": "checklist",
                "alt": "Danh sách các bước cần làm",
            },
        ],
        "quiz": [
            {
                "prompt": "Dấu hiệu nào cho thấy một tin có thể là tin giả?",
                "choices": ["Có nguồn rõ ràng từ cổng thông tin .gov.vn", "Tiêu đề giật gân, kêu gọi “chia sẻ gấp”", "Nhiều báo chính thống cùng đưa tin", "Có ngày đăng và tên tác giả"],
                "answer": 1,
            },
            {
                "prompt": "Một bức ảnh “lũ lụt hôm nay” lan truyền trong nhóm. Cách kiểm tra tốt là:",
                "choices": ["Tin ngay vì có ảnh", "Tìm kiếm bằng hình ảnh để xem ảnh đã xuất hiện từ khi nào", "Chia sẻ để mọi người cùng xem", "Xem có nhiều lượt thích không"],
                "answer": 1,
            },
            {
                "prompt": "Chưa chắc thông tin đúng hay sai, bạn nên:",
                "choices": ["Chia sẻ kèm câu “không biết đúng không”", "Không chia sẻ", "Chia sẻ cho ít người thôi", "Sửa lại cho hay hơn rồi chia sẻ"],
                "answer": 1,
            },
            {
                "prompt": "Với tin đồn về thuốc chữa bệnh “thần kỳ”, nên hỏi ai?",
                "choices": ["Người bán hàng trên mạng", "Nhân viên y tế, cơ sở y tế", "Nhóm chat gia đình", "Người đăng tin"],
                "answer": 1,
            },
        ],
    },
    {
        "identifier": "bao-ve-du-lieu-ca-nhan",
        "title": "Bảo vệ dữ liệu cá nhân",
        "summary": "Dữ liệu cá nhân là gì, những gì không nên đăng, cài đặt quyền riêng tư và quyền của bạn theo pháp luật.",
        "slides": [
            {
                "title": "Dữ liệu cá nhân là gì?",
                "body": [
                    "Dữ liệu cá nhân là mọi thông tin giúp nhận ra một người: họ tên, ngày sinh, số căn cước, số điện thoại, địa chỉ, ảnh chân dung, số tài khoản ngân hàng. "
                    "Một số dữ liệu nhạy cảm hơn: sức khoẻ, vị trí, sinh trắc học, tôn giáo, thông tin tài chính.",
                ],
                "illustration": "id_card",
                "alt": "Thẻ căn cước chứa thông tin cá nhân",
            },
            {
                "title": "Vì sao phải bảo vệ?",
                "body": [
                    "Kẻ gian dùng dữ liệu bị lộ để gọi điện lừa đảo đúng tên bạn, mở tài khoản vay tiền, đăng ký SIM rác hoặc giả mạo bạn với người thân. "
                    "Dữ liệu đã lộ rất khó thu hồi.",
                ],
                "illustration": "warning",
                "alt": "Biển cảnh báo",
            },
            {
                "title": "Đừng đăng những thứ này",
                "body": [
                    [
                        "Ảnh căn cước, giấy phép lái xe, thẻ ngân hàng, vé máy bay có mã.",
                        "Ảnh giấy tờ nhà đất, hợp đồng, kết quả xét nghiệm.",
                        "Địa chỉ nhà kèm thời gian cả nhà đi vắng.",
                        "Mã OTP, mật khẩu, ảnh chụp màn hình ứng dụng ngân hàng.",
                    ],
                ],
                "illustration": "privacy",
                "alt": "Con mắt bị gạch chéo: giữ kín thông tin",
            },
            {
                "title": "Cài đặt quyền riêng tư",
                "body": [
                    "Trên Facebook và Zalo, hãy chọn ai được xem bài đăng, số điện thoại, ngày sinh của bạn: “Bạn bè” thay vì “Công khai”. "
                    "Tắt chia sẻ vị trí khi không cần. Thỉnh thoảng xem lại danh sách ứng dụng được liên kết với tài khoản và gỡ những ứng dụng lạ.",
                ],
                "illustration": "lock",
                "alt": "Ổ khoá quyền riêng tư",
            },
            {
                "title": "Khi phải đưa giấy tờ cho người khác",
                "body": [
                    "Chỉ đưa cho nơi thật sự cần, như ngân hàng, cơ quan nhà nước. Khi gửi bản chụp căn cước, có thể ghi chú lên ảnh mục đích sử dụng, "
                    "ví dụ “chỉ dùng để đăng ký tài khoản tại …, ngày …”, để khó bị dùng vào việc khác.",
                ],
                "illustration": "document",
                "alt": "Tài liệu có ghi chú mục đích",
            },
            {
                "title": "Quyền của bạn theo pháp luật",
                "body": [
                    "Nghị định 13/2023/NĐ-CP và Luật Bảo vệ dữ liệu cá nhân năm 2025 quy định: tổ chức muốn xử lý dữ liệu cá nhân của bạn phải cho bạn biết mục đích và có sự đồng ý của bạn, trừ các trường hợp luật định.",
                    ["Bạn có quyền được biết, đồng ý hoặc rút lại sự đồng ý.", "Quyền xem, yêu cầu sửa hoặc xoá dữ liệu.", "Quyền khiếu nại khi dữ liệu bị dùng sai."],
                ],
                "illustration": "scales",
                "alt": "Cái cân tượng trưng cho pháp luật",
            },
            {
                "title": "Đọc kỹ trước khi bấm “Đồng ý”",
                "body": [
                    "Khi ứng dụng hay trang web hỏi xin dữ liệu, hãy xem họ lấy những gì và để làm gì. Phiếu khảo sát “nhận quà” đòi số căn cước, số tài khoản thường là bẫy thu thập dữ liệu. "
                    "Không cần thiết thì không cung cấp.",
                ],
                "illustration": "checklist",
                "alt": "Danh sách điều cần kiểm tra",
            },
            {
                "title": "Khi nghi dữ liệu bị lộ",
                "body": [
                    "Đổi mật khẩu các tài khoản quan trọng, bật xác thực hai lớp, báo ngân hàng theo dõi giao dịch lạ, báo người thân cảnh giác với tin nhắn mạo danh. "
                    "Nếu bị lợi dụng để lừa đảo hay vay tiền, hãy trình báo công an.",
                ],
                "illustration": "shield",
                "alt": "Tấm khiên bảo vệ dữ liệu",
            },
        ],
        "quiz": [
            {
                "prompt": "Thông tin nào là dữ liệu cá nhân nhạy cảm?",
                "choices": ["Màu áo yêu thích", "Thông tin sức khoẻ và sinh trắc học", "Tên con vật nuôi", "Món ăn ưa thích"],
                "answer": 1,
            },
            {
                "prompt": "Việc nào KHÔNG nên làm trên mạng xã hội?",
                "choices": ["Chia sẻ bài báo chính thống", "Đăng ảnh căn cước để khoe đã đổi thẻ mới", "Để chế độ “Bạn bè” cho bài đăng", "Tắt chia sẻ vị trí"],
                "answer": 1,
            },
            {
                "prompt": "Theo quy định về bảo vệ dữ liệu cá nhân, tổ chức xử lý dữ liệu của bạn thường cần:",
                "choices": ["Không cần gì", "Cho bạn biết mục đích và có sự đồng ý của bạn", "Chỉ cần trả tiền cho bạn", "Chỉ cần đăng trên mạng"],
                "answer": 1,
            },
            {
                "prompt": "Một phiếu khảo sát “nhận quà miễn phí” đòi số căn cước và số tài khoản ngân hàng. Bạn nên:",
                "choices": ["Điền đủ để nhận quà", "Không cung cấp", "Điền thông tin của người thân", "Gửi ảnh căn cước thay vì gõ số"],
                "answer": 1,
            },
        ],
    },
]
