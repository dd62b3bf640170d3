"""Demo questions for `seed_demo`: 17 answered questions across the topics, one waiting, one overdue.

Answers cite the laws in force at the time of writing (Bộ luật Lao động 2019,
Luật Bảo hiểm xã hội 2014, Luật An toàn, vệ sinh lao động 2015, Nghị định
74/2024/NĐ-CP…); they are demo content written for the portal, for reference.
Idempotent: a question is found by its title.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from documents.models import Document
from legalqa.models import Question, Topic
from legalqa.services import ANSWERERS_GROUP

ANSWERER = "tuvan"

# topic slug, title, public question, answer (HTML), cited document numbers
ANSWERED = [
    ("tien-luong", "Công ty trả lương chậm thì có phải trả thêm tiền lãi?",
     "Công ty tôi thường trả lương chậm khoảng 20 ngày so với ngày ghi trong hợp đồng. Tôi có được trả thêm tiền gì không?",
     "<p>Theo khoản 4 Điều 97 Bộ luật Lao động 2019, nếu trả lương chậm <strong>từ 15 ngày trở lên</strong> thì người sử "
     "dụng lao động phải đền bù cho người lao động một khoản tiền ít nhất bằng số tiền lãi của số tiền trả chậm, tính "
     "theo lãi suất huy động tiền gửi có kỳ hạn 1 tháng do ngân hàng nơi doanh nghiệp mở tài khoản trả lương công bố.</p>"
     "<p>Bạn có thể đề nghị công đoàn cơ sở (hoặc công đoàn cấp trên) làm việc với doanh nghiệp về việc này.</p>",
     ["45/2019/QH14"]),
    ("tien-luong", "Mức lương tối thiểu vùng ở Sóc Trăng là bao nhiêu?",
     "Tôi làm công nhân ở thành phố Sóc Trăng. Lương tối thiểu vùng hiện nay là bao nhiêu?",
     "<p>Theo Nghị định 74/2024/NĐ-CP (áp dụng từ 01/07/2024), thành phố Sóc Trăng thuộc <strong>vùng III</strong>: "
     "3.860.000 đồng/tháng (18.600 đồng/giờ); các huyện, thị xã còn lại của tỉnh thuộc <strong>vùng IV</strong>: "
     "3.450.000 đồng/tháng (16.600 đồng/giờ).</p><p>Đây là mức thấp nhất trả cho công việc giản đơn trong điều kiện "
     "bình thường; doanh nghiệp không được trả thấp hơn.</p>", ["74/2024/NĐ-CP"]),
    ("tien-luong", "Làm thêm giờ vào ngày nghỉ hằng tuần được trả lương thế nào?",
     "Chủ nhật tôi được gọi đi làm thêm. Tiền lương làm thêm ngày này tính ra sao?",
     "<p>Điều 98 Bộ luật Lao động 2019: làm thêm giờ được trả ít nhất <strong>150%</strong> vào ngày thường, "
     "<strong>200%</strong> vào ngày nghỉ hằng tuần, <strong>300%</strong> vào ngày nghỉ lễ, Tết, ngày nghỉ có hưởng "
     "lương (chưa kể tiền lương của ngày lễ, Tết). Làm thêm vào ban đêm được trả thêm theo quy định.</p>",
     ["45/2019/QH14"]),
    ("bao-hiem-xa-hoi", "Đóng bao nhiêu năm bảo hiểm xã hội để hưởng lương hưu tối đa?",
     "Tôi là lao động nam, dự kiến nghỉ hưu năm 2025. Cần đóng bao nhiêu năm để được hưởng mức lương hưu cao nhất?",
     "<p>Theo Điều 56 Luật Bảo hiểm xã hội 2014: lao động nam đủ 20 năm đóng bảo hiểm xã hội được 45% mức bình quân "
     "tiền lương; mỗi năm thêm được cộng 2%, tối đa 75%. Vì vậy nam cần <strong>35 năm</strong>, nữ cần "
     "<strong>30 năm</strong> (từ 15 năm: 45%) để hưởng mức tối đa.</p>", ["58/2014/QH13", "41/2024/QH15"]),
    ("bao-hiem-xa-hoi", "Nghỉ sinh con được hưởng chế độ thai sản bao lâu?",
     "Tôi sắp sinh con đầu lòng. Tôi được nghỉ thai sản mấy tháng?",
     "<p>Điều 34 Luật Bảo hiểm xã hội 2014: lao động nữ sinh con được nghỉ <strong>6 tháng</strong>; sinh đôi trở lên "
     "thì từ con thứ hai, mỗi con được nghỉ thêm 1 tháng. Thời gian nghỉ trước khi sinh không quá 2 tháng.</p>",
     ["58/2014/QH13"]),
    ("bao-hiem-xa-hoi", "Nghỉ việc rồi có được rút bảo hiểm xã hội một lần?",
     "Tôi nghỉ việc đã hơn một năm, chưa đi làm lại. Tôi có rút bảo hiểm xã hội một lần được không?",
     "<p>Theo Điều 60 Luật Bảo hiểm xã hội 2014 và Nghị quyết 93/2015/QH13, người lao động sau 1 năm nghỉ việc, không "
     "tiếp tục đóng và chưa đủ 20 năm đóng được hưởng bảo hiểm xã hội một lần nếu có yêu cầu. Tuy nhiên, rút một lần sẽ "
     "mất thời gian đã đóng để tính lương hưu; công đoàn khuyên bạn cân nhắc kỹ và bảo lưu nếu có thể.</p>",
     ["58/2014/QH13"]),
    ("hop-dong-lao-dong", "Thời gian thử việc tối đa là bao lâu?",
     "Công ty bắt tôi thử việc 3 tháng với công việc phụ bếp. Như vậy có đúng không?",
     "<p>Điều 25 Bộ luật Lao động 2019: thử việc không quá <strong>180 ngày</strong> với người quản lý doanh nghiệp; "
     "<strong>60 ngày</strong> với công việc cần trình độ cao đẳng trở lên; <strong>30 ngày</strong> với trình độ "
     "trung cấp, công nhân kỹ thuật; <strong>6 ngày làm việc</strong> với công việc khác. Lương thử việc ít nhất bằng "
     "85% lương của công việc đó (Điều 26).</p>", ["45/2019/QH14"]),
    ("hop-dong-lao-dong", "Nghỉ việc phải báo trước bao nhiêu ngày?",
     "Tôi có hợp đồng không xác định thời hạn và muốn nghỉ việc. Tôi phải báo trước bao lâu?",
     "<p>Điều 35 Bộ luật Lao động 2019: báo trước ít nhất <strong>45 ngày</strong> với hợp đồng không xác định thời hạn; "
     "30 ngày với hợp đồng từ 12 đến 36 tháng; 3 ngày làm việc với hợp đồng dưới 12 tháng. Một số trường hợp không cần "
     "báo trước, như không được trả đủ lương hoặc trả lương không đúng hạn, bị ngược đãi, quấy rối tình dục.</p>",
     ["45/2019/QH14", "145/2020/NĐ-CP"]),
    ("hop-dong-lao-dong", "Công ty có được giữ bằng tốt nghiệp của người lao động?",
     "Khi vào làm, công ty yêu cầu nộp bản chính bằng tốt nghiệp và giữ lại. Như vậy có đúng luật không?",
     "<p>Không. Khoản 1 Điều 17 Bộ luật Lao động 2019 cấm người sử dụng lao động giữ bản chính giấy tờ tùy thân, văn "
     "bằng, chứng chỉ của người lao động, và cấm buộc người lao động thực hiện biện pháp bảo đảm bằng tiền hoặc tài "
     "sản.</p>", ["45/2019/QH14"]),
    ("thoi-gio-lam-viec", "Mỗi năm người lao động được nghỉ phép bao nhiêu ngày?",
     "Tôi làm việc ở công ty may được 6 năm. Mỗi năm tôi được nghỉ phép bao nhiêu ngày?",
     "<p>Điều 113 Bộ luật Lao động 2019: làm đủ 12 tháng được nghỉ <strong>12 ngày làm việc</strong> hưởng nguyên lương "
     "(công việc bình thường). Điều 114: cứ đủ 5 năm làm việc cho một người sử dụng lao động thì được thêm 1 ngày. Với 6 "
     "năm, bạn được 13 ngày mỗi năm.</p>", ["45/2019/QH14"]),
    ("thoi-gio-lam-viec", "Làm thêm giờ tối đa bao nhiêu giờ một tháng?",
     "Mùa cao điểm công ty yêu cầu tăng ca mỗi ngày 4 tiếng. Làm thêm như vậy có vượt quy định không?",
     "<p>Điều 107 Bộ luật Lao động 2019: làm thêm phải có sự đồng ý của người lao động; không quá 50% số giờ làm việc "
     "bình thường trong 1 ngày (tổng không quá 12 giờ/ngày), không quá <strong>40 giờ trong 1 tháng</strong> và 200 giờ "
     "trong 1 năm (300 giờ với một số ngành như dệt, may, da, giày, chế biến nông, lâm, thủy sản).</p>",
     ["45/2019/QH14", "145/2020/NĐ-CP"]),
    ("thoi-gio-lam-viec", "Người lao động được nghỉ những ngày lễ, Tết nào?",
     "Một năm người lao động được nghỉ lễ, Tết hưởng nguyên lương bao nhiêu ngày?",
     "<p>Điều 112 Bộ luật Lao động 2019: <strong>11 ngày</strong> — Tết Dương lịch 1 ngày, Tết Âm lịch 5 ngày, Chiến "
     "thắng 30/4 1 ngày, Quốc tế lao động 1/5 1 ngày, Quốc khánh 2 ngày, Giỗ Tổ Hùng Vương 1 ngày.</p>",
     ["45/2019/QH14"]),
    ("an-toan-ve-sinh-lao-dong", "Bị tai nạn trên đường đi làm có được coi là tai nạn lao động?",
     "Sáng đi làm tôi bị xe tông trên đường từ nhà đến công ty. Tôi có được hưởng chế độ tai nạn lao động không?",
     "<p>Có, nếu tai nạn xảy ra trên tuyến đường đi từ nơi ở đến nơi làm việc trong khoảng thời gian và tuyến đường hợp "
     "lý (Điều 45 Luật An toàn, vệ sinh lao động 2015), và bạn bị suy giảm khả năng lao động từ 5% trở lên. Cần có biên "
     "bản khám nghiệm hiện trường hoặc xác nhận của công an xã nơi xảy ra tai nạn.</p>", ["84/2015/QH13"]),
    ("an-toan-ve-sinh-lao-dong", "Có được từ chối làm việc ở nơi có nguy cơ mất an toàn?",
     "Kho lạnh nơi tôi làm hay rò rỉ khí. Tôi có quyền từ chối vào làm không?",
     "<p>Có. Điều 6 Luật An toàn, vệ sinh lao động 2015 cho phép người lao động từ chối làm công việc hoặc rời "
     "bỏ nơi làm việc khi thấy rõ có nguy cơ xảy ra tai nạn lao động đe dọa nghiêm trọng tính mạng, sức khỏe, và phải "
     "báo ngay cho người quản lý trực tiếp; việc này không bị coi là vi phạm kỷ luật lao động.</p>", ["84/2015/QH13"]),
    ("cong-doan", "Đoàn viên công đoàn đóng đoàn phí bao nhiêu?",
     "Tôi mới vào công đoàn cơ sở. Hằng tháng đoàn phí đóng bao nhiêu?",
     "<p>Đoàn viên đóng đoàn phí bằng <strong>1% tiền lương</strong> làm căn cứ đóng bảo hiểm xã hội; mức đóng tối đa "
     "bằng 10% mức lương cơ sở (theo quy định của Tổng Liên đoàn Lao động Việt Nam). Đoàn phí dùng cho hoạt động chăm lo, "
     "bảo vệ đoàn viên tại cơ sở.</p>", ["12/2012/QH13", "50/2024/QH15"]),
    ("cong-doan", "Doanh nghiệp chưa có công đoàn, ai bảo vệ quyền lợi người lao động?",
     "Công ty tôi chưa có công đoàn cơ sở. Khi bị nợ lương, chúng tôi có thể nhờ ai?",
     "<p>Công đoàn cấp trên trực tiếp cơ sở (Liên đoàn Lao động huyện, thị xã, thành phố hoặc Công đoàn các Khu công "
     "nghiệp) có trách nhiệm đại diện, bảo vệ quyền và lợi ích hợp pháp của người lao động ở nơi chưa có công đoàn cơ sở "
     "khi được yêu cầu. Bạn có thể liên hệ Liên đoàn Lao động tỉnh qua trang Liên hệ của cổng thông tin.</p>",
     ["12/2012/QH13", "45/2019/QH14"]),
    ("khac", "Thất nghiệp có được hỗ trợ học nghề không?",
     "Tôi bị mất việc và đang hưởng trợ cấp thất nghiệp. Tôi có được hỗ trợ học nghề mới không?",
     "<p>Có. Người đang hưởng trợ cấp thất nghiệp được hỗ trợ học nghề theo Luật Việc làm 2013 (Điều 55, 56), thời gian "
     "hỗ trợ không quá 6 tháng. Bạn đăng ký tại Trung tâm Dịch vụ việc làm tỉnh nơi đang hưởng trợ cấp.</p>", []),
]  # fmt: skip
WAITING = [
    ("hop-dong-lao-dong", "Nguyễn Thị Hoa", "hoa.nguyen@example.vn", "",
     "Tôi ký hợp đồng mùa vụ 2 tháng ở nhà máy thủy sản, đã gia hạn 3 lần. Như vậy công ty có phải ký hợp đồng dài hạn không?", 0),
    ("tien-luong", "", "", "0912 000 111",
     "Công ty trừ lương vì đi trễ 5 phút có đúng luật không? Tôi xin giấu tên.", 9),
]  # fmt: skip


def seed_questions(*, stdout):
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    cited = {document.number: document for document in Document.objects.all()}
    now, created = timezone.now(), 0
    for n, (topic, title, public_question, answer, numbers) in enumerate(ANSWERED):
        if Question.objects.filter(title=title).exists():
            continue
        asked_at = now - timedelta(days=60 - 3 * n)
        question = Question.objects.create(
            topic=topics[topic], title=title, question=public_question, public_question=public_question,
            email=f"doanvien{n}@example.vn", answer=answer, created_at=asked_at,
            answered_at=asked_at + timedelta(days=2), is_public=True, asker_notified_at=asked_at + timedelta(days=2),
        )  # fmt: skip
        question.documents.set([cited[number] for number in numbers if number in cited])
        created += 1
    for topic, name, email, phone, text, days_ago in WAITING:
        if not Question.objects.filter(question=text).exists():
            Question.objects.create(
                topic=topics[topic], asker_name=name, email=email, phone=phone, question=text,
                created_at=now - timedelta(days=days_ago),
            )  # fmt: skip
            created += 1
    stdout.write(f"Hỏi đáp: {created} câu hỏi mới, {Question.objects.published().count()} câu đã công khai.")
    if not get_user_model().objects.filter(username=ANSWERER).exists():
        user = get_user_model().objects.create_user(
            ANSWERER, email=f"{ANSWERER}@example.vn", password=settings.DEMO_PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=ANSWERERS_GROUP))
        stdout.write(f"Tài khoản tư vấn pháp luật: {ANSWERER} / {settings.DEMO_PASSWORD}")
