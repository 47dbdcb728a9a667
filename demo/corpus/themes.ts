/**
 * What the demo's partner articles are made of, per plan theme (the seven of the plan's section
 * II): headlines, leads and body sentences written in the register of the provincial and central
 * press. Every sentence carries slots ({huyen}, {so}, {nguoi}…) filled per article, and each
 * article draws a different handful of sentences, so two articles on one theme read as two pieces,
 * not as copies (the near-duplicate stage would otherwise fold them into one family).
 *
 * Sentences use the plan's own vocabulary for their theme, so the classifier has what a real
 * article would give it; none of it reports a real event. Written for the demo.
 */

export interface ThemeCorpus {
  id: string;
  /** The section the outlet files it under. */
  section: string;
  titles: string[];
  leads: string[];
  sentences: string[];
}

export const THEME_CORPUS: ThemeCorpus[] = [
  {
    id: "government",
    section: "Thời sự",
    titles: [
      "{huyen} đẩy mạnh cải cách hành chính, nâng cao chất lượng phục vụ người dân",
      "Kon Tum: Tỷ lệ hồ sơ trực tuyến tại {huyen} đạt {pt}%",
      "Trung tâm Phục vụ hành chính công tỉnh Kon Tum tiếp nhận hơn {so2} hồ sơ",
      "Kon Tum siết chặt kỷ cương hành chính, đề cao trách nhiệm người đứng đầu",
      "Đưa dịch vụ công trực tuyến về tận thôn, làng ở {huyen}",
      "Kon Tum đẩy mạnh chuyển đổi số, xây dựng chính quyền số",
      "Chủ tịch UBND {huyen} đối thoại với người dân về thủ tục hành chính",
      "Triển khai Đề án 06 tại {huyen}: Hơn {so2} tài khoản định danh điện tử được kích hoạt",
    ],
    leads: [
      "Thời gian qua, {huyen} (tỉnh Kon Tum) đã triển khai nhiều giải pháp cải cách hành chính, cắt giảm thủ tục, tạo thuận lợi cho người dân và doanh nghiệp.",
      "Sáu tháng đầu năm 2024, tỷ lệ hồ sơ thủ tục hành chính được giải quyết qua dịch vụ công trực tuyến tại {huyen} đạt {pt}%, tăng so với cùng kỳ.",
      "UBND tỉnh Kon Tum vừa yêu cầu các sở, ngành và địa phương tăng cường kỷ cương hành chính, nâng cao trách nhiệm người đứng đầu trong giải quyết công việc cho người dân.",
    ],
    sentences: [
      "Theo UBND {huyen}, bộ phận một cửa cấp huyện và cấp xã đã tiếp nhận {so2} hồ sơ, trong đó {pt}% được giải quyết trước và đúng hạn.",
      "Các tổ công nghệ số cộng đồng ở {xa} đến từng nhà hướng dẫn người dân cài đặt VNeID và nộp hồ sơ trực tuyến.",
      "Chỉ số cải cách hành chính (PAR INDEX) năm 2023 của tỉnh Kon Tum có bước cải thiện, trong đó chỉ số thành phần về chính quyền điện tử tăng nhiều bậc.",
      "Ông {nguoi}, {chucvu}, cho biết địa phương đã rà soát, cắt giảm {so} thủ tục hành chính không còn phù hợp.",
      "Việc triển khai Đề án 06 giúp người dân làm thủ tục hành chính thuận tiện hơn, giảm giấy tờ và thời gian đi lại.",
      "Tại Trung tâm Phục vụ hành chính công tỉnh, thời gian chờ trung bình của mỗi lượt giao dịch giảm còn khoảng {so} phút.",
      "Địa phương duy trì lịch tiếp công dân định kỳ và tổ chức đối thoại với người dân để giải quyết kịp thời các kiến nghị.",
      "Tỉnh yêu cầu các cơ quan chấn chỉnh tình trạng né tránh, đùn đẩy trách nhiệm, siết chặt kỷ cương hành chính trong thực thi công vụ.",
      "Nhiều xã đã số hóa kết quả giải quyết thủ tục hành chính, kết nối với cơ sở dữ liệu quốc gia về dân cư.",
      "Công tác an sinh xã hội, chăm lo đời sống nhân dân và gia đình chính sách được địa phương quan tâm thực hiện đầy đủ.",
      "Mục tiêu đến cuối năm 2024, {pt}% hồ sơ được tiếp nhận và giải quyết trực tuyến toàn trình, đẩy mạnh chuyển đổi số trong cơ quan nhà nước.",
      "Việc thanh toán trực tuyến phí, lệ phí trên Cổng dịch vụ công quốc gia được hướng dẫn tận tình tại bộ phận một cửa.",
    ],
  },
  {
    id: "people",
    section: "Xã hội",
    titles: [
      "Gương người tốt, việc tốt ở {xa}",
      "Tự hào người Kon Tum: Chàng trai {nguoi} và hành trình thiện nguyện",
      "Học sinh nghèo vượt khó ở {huyen} đạt thành tích cao",
      "Lan tỏa nếp sống văn minh, ứng xử văn hóa ở thành phố Kon Tum",
      "{huyen} có thêm {so} thôn văn hóa, làng văn hóa",
      "Người dân {xa} nhặt được của rơi trả lại người đánh mất",
      "Hàng trăm đoàn viên {huyen} tham gia hiến máu tình nguyện",
    ],
    leads: [
      "Những tấm gương người tốt, việc tốt ở {huyen} đang góp phần lan tỏa hình ảnh con người Kon Tum văn minh, thân thiện, mến khách.",
      "Phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa ở {huyen} đã tạo chuyển biến rõ nét trong nếp sống của người dân.",
      "Với nghị lực sống phi thường, {nguoi} ở {xa} đã vượt qua hoàn cảnh khó khăn để trở thành gương điển hình của địa phương.",
    ],
    sentences: [
      "Anh {nguoi} ở {xa} nhiều năm liền tham gia hiến máu tình nguyện và vận động thanh niên trong thôn cùng tham gia.",
      "Bộ quy tắc ứng xử văn hóa được niêm yết tại các cơ quan, trường học và khu du lịch trên địa bàn.",
      "Năm nay, toàn {huyen} có {pt}% hộ gia đình đạt danh hiệu gia đình văn hóa.",
      "Những nghĩa cử cao đẹp của người dân đã được chính quyền địa phương kịp thời khen thưởng, nhân rộng.",
      "Em {nguoi}, học sinh nghèo vượt khó, vừa đạt giải cao trong kỳ thi học sinh giỏi cấp tỉnh.",
      "Phong trào xây dựng nếp sống văn minh đô thị được thành phố Kon Tum triển khai đến từng tổ dân phố văn hóa.",
      "Hội nghị biểu dương điển hình tiên tiến đã tôn vinh {so} tập thể và cá nhân có thành tích xuất sắc.",
      'Chị {nguoi} chia sẻ: "Giúp được ai thì giúp, đó là cách bà con trong làng vẫn sống với nhau từ bao đời nay".',
      "Hình ảnh người Kon Tum văn minh, thân thiện, mến khách được lan tỏa qua từng hành động nhỏ hằng ngày.",
      "Câu chuyện người tốt, việc tốt ở {xa} được kể lại tại buổi sinh hoạt của chi đoàn thôn.",
      "Nhiều thôn, làng đồng bào đã đưa nội dung xây dựng làng văn hóa vào hương ước, quy ước.",
    ],
  },
  {
    id: "tourism",
    section: "Du lịch",
    titles: [
      "Măng Đen đón hơn {so2} lượt khách trong dịp hè",
      "Kon Tum kích cầu du lịch, phát triển sản phẩm du lịch mới",
      "Du lịch cộng đồng ở {xa} hút khách",
      "Kon Tum quảng bá du lịch tại Hội chợ du lịch quốc tế",
      "Săn mây ở Măng Đen: Điểm đến hấp dẫn mùa hè",
      "Phát triển du lịch sinh thái gắn với bảo tồn văn hóa cồng chiêng ở {huyen}",
      "Doanh thu du lịch Kon Tum tăng {pt}% so với cùng kỳ",
      "Làng du lịch cộng đồng Kon Kơ Tu đón đoàn famtrip từ TP Hồ Chí Minh",
    ],
    leads: [
      "Những tháng đầu năm 2024, du lịch Kon Tum tiếp tục khởi sắc với lượng khách tăng mạnh, nhiều sản phẩm du lịch mới được đưa vào khai thác.",
      "Sở Văn hóa, Thể thao và Du lịch tỉnh Kon Tum đang triển khai nhiều giải pháp kích cầu du lịch, đưa Măng Đen trở thành điểm đến hấp dẫn của khu vực Tây Nguyên.",
      "Mô hình du lịch cộng đồng tại {xa}, {huyen} đang mở ra hướng sinh kế mới cho đồng bào dân tộc thiểu số.",
    ],
    sentences: [
      "Sáu tháng đầu năm, toàn tỉnh đón khoảng {so2} lượt khách, doanh thu du lịch ước đạt {so} tỷ đồng.",
      "Các cơ sở lưu trú ở thị trấn Măng Đen thường kín phòng vào cuối tuần, nhất là dịp nghỉ hè.",
      "Du khách được trải nghiệm văn hóa cồng chiêng, thưởng thức ẩm thực truyền thống và tham quan nhà rông.",
      "Theo ông {nguoi}, {chucvu}, địa phương sẽ tiếp tục xúc tiến du lịch, liên kết với các tỉnh Tây Nguyên và duyên hải miền Trung.",
      "Tour săn mây, khám phá rừng thông và hồ Đăk Ke là sản phẩm du lịch được nhiều bạn trẻ lựa chọn.",
      "Làng du lịch cộng đồng ở {xa} hiện có {so} hộ làm homestay, đón khách lưu trú qua đêm.",
      "Ngành du lịch đẩy mạnh quảng bá du lịch trên các nền tảng số, giới thiệu hình ảnh Kon Tum đến du khách trong và ngoài nước.",
      "Du lịch sinh thái và du lịch trải nghiệm đang trở thành thế mạnh của các huyện phía Bắc tỉnh.",
      "Không gian văn hóa cồng chiêng Tây Nguyên được tái hiện sinh động tại các điểm du lịch cộng đồng.",
      "Nhiều doanh nghiệp lữ hành đã khảo sát, xây dựng tour kết nối Măng Đen với các điểm đến ở {huyen}.",
      "Tỉnh đặt mục tiêu đưa Măng Đen trở thành khu du lịch quốc gia, phát triển du lịch văn hóa gắn với bảo tồn bản sắc.",
      "Lượt khách quốc tế đến Kon Tum tăng, chủ yếu từ Hàn Quốc, Thái Lan và châu Âu.",
    ],
  },
  {
    id: "environment",
    section: "Môi trường",
    titles: [
      "Kon Tum chung tay phòng, chống rác thải nhựa",
      "{huyen} xử lý nghiêm khai thác khoáng sản trái phép",
      "Kon Tum tăng cường bảo vệ đất công, xử lý lấn chiếm đất",
      "Quan trắc môi trường tại các khu công nghiệp ở Kon Tum",
      "Ứng phó biến đổi khí hậu ở vùng cao {huyen}",
      "Kiểm tra hoạt động khai thác cát trên sông Đăk Bla",
      "Tuyên truyền Luật Đất đai năm 2024 đến người dân {huyen}",
    ],
    leads: [
      "Thời gian qua, các cấp, các ngành ở Kon Tum đã triển khai nhiều hoạt động phòng, chống rác thải nhựa, nâng cao ý thức bảo vệ môi trường của người dân.",
      "Sở Tài nguyên và Môi trường tỉnh Kon Tum vừa chủ trì kiểm tra, xử lý các trường hợp khai thác khoáng sản trái phép trên địa bàn {huyen}.",
      "Trước những diễn biến phức tạp của biến đổi khí hậu, {huyen} chủ động nhiều giải pháp ứng phó, bảo vệ tài nguyên nước.",
    ],
    sentences: [
      "Đoàn kiểm tra đã lập biên bản {so} trường hợp khai thác cát không phép, tịch thu phương tiện vi phạm.",
      "Các trường học ở {huyen} phát động phong trào nói không với túi ni lông và sản phẩm nhựa dùng một lần.",
      "Hệ thống quan trắc môi trường tự động được lắp đặt tại các điểm xả thải lớn, truyền số liệu trực tiếp về Sở.",
      "Ông {nguoi}, {chucvu}, cho biết địa phương đã rà soát, thu hồi {so} ha đất công bị lấn chiếm đất trái phép.",
      "Công tác quy hoạch sử dụng đất và cấp giấy chứng nhận quyền sử dụng đất được đẩy nhanh theo Luật Đất đai mới.",
      "Mỗi tháng, đoàn viên thanh niên {xa} tổ chức thu gom rác thải nhựa dọc bờ suối và khu dân cư.",
      "Ngành tài nguyên và môi trường tăng cường dự báo khí tượng thủy văn, cảnh báo sớm nguy cơ lũ quét, sạt lở.",
      "Việc đánh giá tác động môi trường được thực hiện chặt chẽ với các dự án mới trên địa bàn tỉnh.",
      "Nguồn tài nguyên nước ở các hồ thủy lợi được giám sát thường xuyên trong mùa khô.",
      "Người dân {xa} được hướng dẫn phân loại rác tại nguồn, ủ phân hữu cơ từ rác thải sinh hoạt.",
      "Các điểm khai thác khoáng sản trái phép được lực lượng chức năng theo dõi, xử lý dứt điểm.",
    ],
  },
  {
    id: "agriculture",
    section: "Nông nghiệp",
    titles: [
      "Kon Tum phát triển vùng trồng sâm Ngọc Linh theo hướng bền vững",
      "{huyen} có thêm {so} sản phẩm OCOP",
      "Nông nghiệp công nghệ cao mở hướng làm giàu ở {huyen}",
      "Tăng cường phòng, chống cháy rừng mùa khô ở Kon Tum",
      "Giao khoán bảo vệ rừng giúp đồng bào {xa} có thu nhập ổn định",
      "Cây dược liệu dưới tán rừng: Hướng đi mới ở {huyen}",
      "Cấp mã số vùng trồng cho cà phê, mắc ca ở {huyen}",
      "Kiểm lâm {huyen} tuần tra bảo vệ rừng",
    ],
    leads: [
      "Tỉnh Kon Tum đang phát triển nông nghiệp công nghệ cao, nông nghiệp sạch gắn với truy xuất nguồn gốc, nâng cao giá trị nông sản.",
      "Nhờ chính sách giao khoán bảo vệ rừng và dịch vụ môi trường rừng, nhiều hộ đồng bào ở {huyen} có thêm thu nhập ổn định.",
      "Sâm Ngọc Linh và các loại cây dược liệu đang trở thành cây trồng chủ lực giúp người dân {huyen} thoát nghèo.",
    ],
    sentences: [
      "Toàn tỉnh hiện có hơn {so2} ha sâm Ngọc Linh, chủ yếu tại các huyện Đăk Glei và Tu Mơ Rông.",
      "Hợp tác xã ở {xa} đã được cấp chứng nhận VietGAP cho {so} ha rau, quả các loại.",
      "Lực lượng kiểm lâm phối hợp với chính quyền {xa} tuần tra, bảo vệ rừng, ngăn chặn phá rừng trái phép.",
      "Ông {nguoi}, {chucvu}, cho biết địa phương đã trồng rừng mới được {so} ha từ đầu năm.",
      "Tiền dịch vụ môi trường rừng chi trả cho các cộng đồng nhận khoán bình quân {so} triệu đồng mỗi năm.",
      "Sản phẩm OCOP của địa phương được giới thiệu tại hội chợ nông sản và trên các sàn thương mại điện tử.",
      "Mô hình trồng cây dược liệu dưới tán rừng giúp người dân vừa có thu nhập vừa bảo vệ và phát triển rừng.",
      "Các chủ rừng được yêu cầu xây dựng phương án phòng cháy, chữa cháy rừng, bố trí lực lượng trực 24/24 giờ.",
      "Việc cấp mã số vùng trồng và truy xuất nguồn gốc giúp nông sản Kon Tum đủ điều kiện xuất khẩu.",
      "Nông dân {xa} ứng dụng công nghệ cao, tưới nhỏ giọt cho cà phê và mắc ca, tiết kiệm {pt}% lượng nước.",
      "Tỉnh tiếp tục phổ biến Luật Lâm nghiệp đến các thôn, làng giáp rừng.",
      "Nhiều hộ chuyển đổi sang nông nghiệp hữu cơ, liên kết với doanh nghiệp bao tiêu sản phẩm.",
    ],
  },
  {
    id: "economy",
    section: "Kinh tế",
    titles: [
      "Kon Tum thu hút đầu tư vào khu công nghiệp Hòa Bình",
      "Tăng trưởng kinh tế Kon Tum 6 tháng đầu năm đạt {pt}%",
      "Kon Tum đẩy nhanh giải ngân vốn đầu tư công",
      "Hội nghị đối thoại doanh nghiệp: Tháo gỡ khó khăn cho nhà đầu tư",
      "Khu kinh tế cửa khẩu quốc tế Bờ Y: Động lực phát triển của Kon Tum",
      "Kon Tum cải thiện môi trường đầu tư, nâng chỉ số PCI",
      "Kon Tum tăng cường hợp tác quốc tế với tỉnh Attapeu (Lào)",
    ],
    leads: [
      "Tỉnh Kon Tum đang đẩy mạnh xúc tiến đầu tư, cải thiện môi trường kinh doanh để thu hút các dự án lớn vào địa bàn.",
      "Sáu tháng đầu năm 2024, tăng trưởng kinh tế (GRDP) của tỉnh Kon Tum ước đạt {pt}%, giải ngân vốn đầu tư công đạt khá so với kế hoạch.",
      "Tại hội nghị đối thoại doanh nghiệp, lãnh đạo tỉnh Kon Tum cam kết đồng hành, tháo gỡ khó khăn cho nhà đầu tư.",
    ],
    sentences: [
      "Từ đầu năm, tỉnh đã cấp mới {so} dự án với tổng vốn đăng ký hơn {so2} tỷ đồng.",
      "Ông {nguoi}, {chucvu}, cho biết tỉnh sẽ tiếp tục cải thiện môi trường đầu tư, nâng cao chỉ số PCI.",
      "Các doanh nghiệp kiến nghị đẩy nhanh giải phóng mặt bằng, hoàn thiện hạ tầng khu công nghiệp.",
      "Tỷ lệ giải ngân vốn đầu tư công đến hết tháng 6 đạt {pt}% kế hoạch vốn giao.",
      "Kim ngạch xuất nhập khẩu qua cửa khẩu Bờ Y tăng so với cùng kỳ, chủ yếu là nông sản và gỗ.",
      "Chương trình cà phê doanh nhân được tổ chức định kỳ để lắng nghe ý kiến của cộng đồng doanh nghiệp.",
      "Tỉnh Kon Tum và tỉnh Attapeu (Lào) ký kết biên bản hợp tác về thương mại, du lịch và giáo dục.",
      "Hoạt động xúc tiến thương mại giúp doanh nghiệp địa phương mở rộng thị trường tiêu thụ.",
      "Thu ngân sách nhà nước trên địa bàn ước đạt {so2} tỷ đồng, tăng {pt}% so với cùng kỳ.",
      "Tỉnh thành lập tổ công tác hỗ trợ nhà đầu tư, rút ngắn thời gian giải quyết thủ tục đầu tư.",
      "Các dự án năng lượng tái tạo và chế biến nông sản đang được nhà đầu tư quan tâm tìm hiểu.",
    ],
  },
  {
    id: "national_programs",
    section: "Dân tộc - Miền núi",
    titles: [
      "{xa} về đích nông thôn mới",
      "Giảm nghèo bền vững ở vùng đồng bào dân tộc thiểu số {huyen}",
      "Chương trình 1719 tạo diện mạo mới cho vùng cao {huyen}",
      "Dân vận khéo giúp đồng bào {xa} thoát nghèo",
      "Kon Tum đẩy mạnh xóa nhà tạm, nhà dột nát cho hộ nghèo",
      "Người có uy tín góp sức xây dựng nông thôn mới ở {huyen}",
      "Tỷ lệ hộ nghèo ở {huyen} giảm còn {pt}%",
    ],
    leads: [
      "Nhờ nguồn lực từ các chương trình mục tiêu quốc gia, bộ mặt nông thôn vùng đồng bào dân tộc thiểu số ở {huyen} ngày càng khởi sắc.",
      "Đến nay, {huyen} có thêm {so} xã đạt chuẩn nông thôn mới, tỷ lệ hộ nghèo giảm mạnh so với đầu nhiệm kỳ.",
      "Phong trào thi đua dân vận khéo ở {huyen} đã tạo sự đồng thuận xã hội, góp phần thực hiện thắng lợi các chương trình mục tiêu quốc gia.",
    ],
    sentences: [
      "Từ nguồn vốn Chương trình 1719, {xa} được đầu tư {so} công trình đường giao thông, nước sinh hoạt tập trung.",
      "Tỷ lệ hộ nghèo toàn huyện giảm còn {pt}%, hộ cận nghèo giảm mạnh so với đầu năm.",
      "Ông {nguoi}, người có uy tín ở thôn, đã hiến hơn {so}00 m2 đất để làm đường nông thôn.",
      "Mặt trận Tổ quốc các cấp vận động xây dựng {so} căn nhà Đại đoàn kết cho hộ nghèo.",
      "Các mô hình hỗ trợ sinh kế như nuôi bò, trồng cà phê, dược liệu giúp nhiều hộ thoát nghèo bền vững.",
      "Công tác dân vận chính quyền được đẩy mạnh, cán bộ bám cơ sở, lắng nghe tâm tư của đồng bào.",
      "Xây dựng nông thôn mới nâng cao được triển khai ở các xã đã đạt chuẩn, tập trung vào tiêu chí thu nhập.",
      "Phong trào xóa nhà tạm, nhà dột nát được các doanh nghiệp, nhà hảo tâm hưởng ứng tích cực.",
      "Chính sách hỗ trợ đất ở, đất sản xuất và định canh, định cư được triển khai đúng đối tượng.",
      "Nhiều mô hình hay, cách làm sáng tạo trong giảm nghèo bền vững đã được nhân rộng.",
      "Khối đại đoàn kết toàn dân tộc được củng cố, người dân đồng thuận hiến đất, góp công xây dựng quê hương.",
    ],
  },
];
