<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Giới thiệu CCHC Desktop</source>
        <translation>About CCHC Desktop</translation>
    </message>
    <message>
        <source>Phiên bản %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>Nhập, kiểm tra, ký duyệt và xuất Phụ lục thống kê số liệu của báo cáo cải cách hành chính định kỳ (Quý I, 6 tháng, Quý III, Năm). Chạy hoàn toàn trên máy, không cần mạng.</source>
        <translation>Enter, check, sign off and export the statistical appendix of the periodic administrative-reform report (Q1, half-year, Q3, year). Runs entirely on this computer, no network needed.</translation>
    </message>
    <message>
        <source>Tệp dữ liệu: %1
Nhật ký lỗi: %2</source>
        <translation>Data file: %1
Error log: %2</translation>
    </message>
    <message>
        <source>Giấy phép GNU GPL phiên bản 3 trở lên. Phông chữ Noto Sans và Tinos theo giấy phép SIL Open Font License 1.1.</source>
        <translation>Licensed under the GNU GPL version 3 or later. The Noto Sans and Tinos fonts are under the SIL Open Font License 1.1.</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <source>(không ghi được tệp nhật ký)</source>
        <translation>(the log file could not be written)</translation>
    </message>
    <message>
        <source>Lỗi không mong muốn</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>Chương trình gặp một lỗi không mong muốn. Các số liệu đã lưu không bị ảnh hưởng; nếu thao tác vừa rồi chưa xong, hãy thử lại.</source>
        <translation>The program ran into an unexpected error. Saved figures are not affected; if the last action did not finish, please try again.</translation>
    </message>
    <message>
        <source>Chi tiết lỗi đã được ghi vào tệp:
%1
Nếu lỗi lặp lại, hãy gửi tệp này cho người hỗ trợ kỹ thuật.</source>
        <translation>The details were written to:
%1
If the error happens again, send this file to technical support.</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Tệp dữ liệu bị hỏng hoặc không đọc được (%1).</source>
        <translation>The data file is damaged or cannot be read (%1).</translation>
    </message>
    <message>
        <source>Không mở được tệp dữ liệu: %1.</source>
        <translation>The data file could not be opened: %1.</translation>
    </message>
    <message>
        <source>Không mở được dữ liệu</source>
        <translation>Cannot open the data</translation>
    </message>
    <message>
        <source>Tệp dữ liệu: %1

Chương trình sẽ đóng lại; tệp không bị thay đổi.</source>
        <translation>Data file: %1

The program will close; the file has not been changed.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Báo cáo &amp;mới…</source>
        <translation>&amp;New report…</translation>
    </message>
    <message>
        <source>Báo cáo mới</source>
        <translation>New report</translation>
    </message>
    <message>
        <source>Tạo báo cáo mới (Ctrl+N)</source>
        <translation>Create a new report (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Mở báo cáo</source>
        <translation>&amp;Open report</translation>
    </message>
    <message>
        <source>Mở</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Mở báo cáo đang chọn (Enter hoặc nhấp đúp)</source>
        <translation>Open the selected report (Enter or double-click)</translation>
    </message>
    <message>
        <source>&amp;Xóa báo cáo…</source>
        <translation>&amp;Delete report…</translation>
    </message>
    <message>
        <source>Xóa</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Xóa báo cáo đang chọn (Delete)</source>
        <translation>Delete the selected report (Delete)</translation>
    </message>
    <message>
        <source>← Danh sách báo cáo</source>
        <translation>← Report list</translation>
    </message>
    <message>
        <source>Đóng báo cáo, trở về danh sách báo cáo (Alt+←)</source>
        <translation>Close the report and go back to the report list (Alt+←)</translation>
    </message>
    <message>
        <source>&amp;Tìm báo cáo…</source>
        <translation>&amp;Find report…</translation>
    </message>
    <message>
        <source>Lọc danh sách báo cáo (Ctrl+F)</source>
        <translation>Filter the report list (Ctrl+F)</translation>
    </message>
    <message>
        <source>&amp;Nhập từ tệp Excel…</source>
        <translation>&amp;Import from Excel file…</translation>
    </message>
    <message>
        <source>Nhập Excel</source>
        <translation>Import Excel</translation>
    </message>
    <message>
        <source>Nạp một báo cáo từ tệp Excel do CCHC Desktop xuất ra</source>
        <translation>Load a report from an Excel file exported by CCHC Desktop</translation>
    </message>
    <message>
        <source>Xuất &amp;PDF…</source>
        <translation>Export &amp;PDF…</translation>
    </message>
    <message>
        <source>Xuất PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>Xuất báo cáo ra tệp PDF (Ctrl+E)</source>
        <translation>Export the report as a PDF file (Ctrl+E)</translation>
    </message>
    <message>
        <source>Xuất &amp;Excel…</source>
        <translation>Export &amp;Excel…</translation>
    </message>
    <message>
        <source>Xuất Excel</source>
        <translation>Export Excel</translation>
    </message>
    <message>
        <source>Xuất báo cáo ra tệp Excel (Ctrl+Shift+E)</source>
        <translation>Export the report as an Excel file (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>&amp;In…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>Xem trước và in báo cáo (Ctrl+P)</source>
        <translation>Preview and print the report (Ctrl+P)</translation>
    </message>
    <message>
        <source>&amp;Thoát</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>&amp;Giới thiệu CCHC Desktop</source>
        <translation>&amp;About CCHC Desktop</translation>
    </message>
    <message>
        <source>&amp;Hoàn tác</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Làm lại</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>&amp;Tìm trong báo cáo…</source>
        <translation>&amp;Find in report…</translation>
    </message>
    <message>
        <source>Phần t&amp;rước</source>
        <translation>P&amp;revious section</translation>
    </message>
    <message>
        <source>Phần &amp;tiếp theo</source>
        <translation>Ne&amp;xt section</translation>
    </message>
    <message>
        <source>&amp;Ký duyệt…</source>
        <translation>&amp;Sign off…</translation>
    </message>
    <message>
        <source>Mở &amp;lại để sửa</source>
        <translation>Re&amp;open for editing</translation>
    </message>
    <message>
        <source>Báo cáo cải cách hành chính</source>
        <translation>Administrative reform reports</translation>
    </message>
    <message>
        <source>Chọn một báo cáo rồi bấm Enter (hoặc nhấp đúp) để mở; Ctrl+N để tạo báo cáo mới.</source>
        <translation>Select a report and press Enter (or double-click) to open it; Ctrl+N creates a new report.</translation>
    </message>
    <message>
        <source>Lọc theo cơ quan, kỳ, số báo cáo, danh mục…</source>
        <translation>Filter by agency, period, report number, catalogue…</translation>
    </message>
    <message>
        <source>Lọc danh sách báo cáo</source>
        <translation>Filter the report list</translation>
    </message>
    <message>
        <source>Danh sách báo cáo</source>
        <translation>Report list</translation>
    </message>
    <message>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Sửa</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Báo cáo</source>
        <translation>&amp;Report</translation>
    </message>
    <message>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Ngôn ngữ (Language)</source>
        <translation>&amp;Language (Ngôn ngữ)</translation>
    </message>
    <message>
        <source>Thanh công cụ</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>(bộ nhớ tạm)</source>
        <translation>(in memory)</translation>
    </message>
    <message>
        <source>Tệp dữ liệu: %1</source>
        <translation>Data file: %1</translation>
    </message>
    <message>
        <source>Chỉ đọc</source>
        <translation>Read-only</translation>
    </message>
    <message>
        <source>Tệp dữ liệu đang mở ở chế độ chỉ đọc (không có quyền ghi): xem, in và xuất được, nhưng không tạo, sửa hay xóa được báo cáo.</source>
        <translation>The data file is open read-only (no write permission): reports can be viewed, printed and exported, but not created, changed or deleted.</translation>
    </message>
    <message>
        <source>Chưa có báo cáo nào.
Bấm “Báo cáo mới” (Ctrl+N) để bắt đầu, hoặc “Nhập Excel” để nạp một tệp Excel do CCHC Desktop xuất ra.</source>
        <translation>There are no reports yet.
Click “New report” (Ctrl+N) to start, or “Import Excel” to load an Excel file exported by CCHC Desktop.</translation>
    </message>
    <message>
        <source>Không có báo cáo nào khớp với “%1”.</source>
        <translation>No report matches “%1”.</translation>
    </message>
    <message>
        <source>Hiện %1 trên %2 báo cáo</source>
        <translation>Showing %1 of %2 reports</translation>
    </message>
    <message numerus="yes">
        <source>%n báo cáo</source>
        <translation><numerusform>%n report</numerusform><numerusform>%n reports</numerusform></translation>
    </message>
    <message>
        <source>Không xóa được báo cáo đã ký</source>
        <translation>A signed report cannot be deleted</translation>
    </message>
    <message>
        <source>Báo cáo “%1” đã được ký duyệt nên không thể xóa.</source>
        <translation>The report “%1” has been signed off, so it cannot be deleted.</translation>
    </message>
    <message>
        <source>Nếu thật sự cần xóa, hãy mở báo cáo, chọn “Mở lại để sửa” để trả về bản nháp, rồi xóa.</source>
        <translation>If it really must be deleted, open the report, choose “Reopen for editing” to make it a draft again, then delete it.</translation>
    </message>
    <message>
        <source>Xóa báo cáo</source>
        <translation>Delete report</translation>
    </message>
    <message>
        <source>Xóa báo cáo “%1”?</source>
        <translation>Delete the report “%1”?</translation>
    </message>
    <message>
        <source>Toàn bộ số liệu và ghi chú đã nhập trong báo cáo này sẽ bị xóa vĩnh viễn, không khôi phục được.</source>
        <translation>All figures and notes entered in this report will be deleted permanently and cannot be recovered.</translation>
    </message>
    <message>
        <source>Đã xóa báo cáo “%1”.</source>
        <translation>Deleted the report “%1”.</translation>
    </message>
    <message>
        <source>Chưa có chức năng này</source>
        <translation>Not available yet</translation>
    </message>
    <message>
        <source>Bản cài đặt này chưa có chức năng xuất, in và nhập tệp.</source>
        <translation>This installation cannot export, print or import files yet.</translation>
    </message>
    <message>
        <source>Hãy cài bản CCHC Desktop đầy đủ hoặc liên hệ người hỗ trợ kỹ thuật.</source>
        <translation>Install the full CCHC Desktop or contact technical support.</translation>
    </message>
    <message>
        <source>Lỗi tệp dữ liệu</source>
        <translation>Data file error</translation>
    </message>
    <message>
        <source>Các số liệu đã lưu trước đó không bị ảnh hưởng.</source>
        <translation>Figures saved earlier are not affected.</translation>
    </message>
    <message>
        <source>Chưa mở được báo cáo</source>
        <translation>The report cannot be opened</translation>
    </message>
    <message>
        <source>Bản cài đặt này chưa có phần nhập số liệu báo cáo.</source>
        <translation>This installation has no report editor yet.</translation>
    </message>
    <message>
        <source>Không tìm thấy báo cáo</source>
        <translation>Report not found</translation>
    </message>
    <message>
        <source>Báo cáo này không còn trong tệp dữ liệu (có thể đã bị xóa).</source>
        <translation>This report is no longer in the data file (it may have been deleted).</translation>
    </message>
    <message>
        <source>(đã ký)</source>
        <translation>(signed)</translation>
    </message>
</context>
<context>
    <name>NewReportDialog</name>
    <message>
        <source>Báo cáo mới</source>
        <translation>New report</translation>
    </message>
    <message>
        <source>Tạo báo cáo</source>
        <translation>Create report</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Ví dụ: Sở Thông tin và Truyền thông</source>
        <translation>e.g. Sở Thông tin và Truyền thông</translation>
    </message>
    <message>
        <source>Quý I</source>
        <translation>Quarter I</translation>
    </message>
    <message>
        <source>6 tháng đầu năm</source>
        <translation>First half-year</translation>
    </message>
    <message>
        <source>Quý III (9 tháng)</source>
        <translation>Quarter III (9 months)</translation>
    </message>
    <message>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>Từ %1 đến %2</source>
        <translation>From %1 to %2</translation>
    </message>
    <message>
        <source>Lưu ý: đã có một báo cáo của cơ quan này cho kỳ %1. Bấm “Tạo báo cáo” nếu vẫn muốn tạo thêm.</source>
        <translation>Note: this agency already has a report for %1. Click “Create report” if you still want another one.</translation>
    </message>
    <message>
        <source>Hãy nhập “Tên cơ quan”: tên đầy đủ của cơ quan báo cáo.</source>
        <translation>Please enter the “Agency name”: the full name of the reporting agency.</translation>
    </message>
    <message>
        <source>“Tên cơ quan” dài quá %1 ký tự.</source>
        <translation>“Agency name” is longer than %1 characters.</translation>
    </message>
    <message>
        <source>“Cơ quan chủ quản” dài quá %1 ký tự.</source>
        <translation>“Parent authority” is longer than %1 characters.</translation>
    </message>
    <message>
        <source>“Địa danh” dài quá %1 ký tự.</source>
        <translation>“Place” is longer than %1 characters.</translation>
    </message>
    <message>
        <source>Chưa có “Danh mục chỉ tiêu” nào để chọn.</source>
        <translation>There is no “Indicator catalogue” to choose from.</translation>
    </message>
    <message>
        <source>“Số báo cáo” dài quá %1 ký tự.</source>
        <translation>“Report number” is longer than %1 characters.</translation>
    </message>
    <message>
        <source>“Ngày báo cáo” (%1) đứng trước ngày bắt đầu kỳ báo cáo (%2). Hãy kiểm tra lại ngày hoặc kỳ báo cáo.</source>
        <translation>“Report date” (%1) is before the start of the reporting period (%2). Please check the date or the period.</translation>
    </message>
</context>
<context>
    <name>NewReportForm</name>
    <message>
        <source>Các mục có dấu * là bắt buộc. Số và ngày báo cáo có thể để trống và điền sau.</source>
        <translation>Fields marked * are required. The report number and date may be left empty and filled in later.</translation>
    </message>
    <message>
        <source>Cơ quan báo cáo</source>
        <translation>Reporting agency</translation>
    </message>
    <message>
        <source>Tên &amp;cơ quan *</source>
        <translation>&amp;Agency name *</translation>
    </message>
    <message>
        <source>Chọn cơ quan đã dùng trước đây hoặc gõ tên cơ quan mới</source>
        <translation>Choose an agency used before or type a new name</translation>
    </message>
    <message>
        <source>Cơ quan chủ &amp;quản</source>
        <translation>&amp;Parent authority</translation>
    </message>
    <message>
        <source>Ví dụ: UBND TỈNH SÓC TRĂNG</source>
        <translation>e.g. UBND TỈNH SÓC TRĂNG</translation>
    </message>
    <message>
        <source>Dòng in phía trên tên cơ quan ở đầu báo cáo</source>
        <translation>The line printed above the agency name in the report heading</translation>
    </message>
    <message>
        <source>Địa &amp;danh</source>
        <translation>P&amp;lace</translation>
    </message>
    <message>
        <source>Ví dụ: Sóc Trăng</source>
        <translation>e.g. Sóc Trăng</translation>
    </message>
    <message>
        <source>Địa danh ở dòng ngày tháng: “Sóc Trăng, ngày … tháng … năm …”</source>
        <translation>The place in the date line: “Sóc Trăng, ngày … tháng … năm …”</translation>
    </message>
    <message>
        <source>Báo cáo</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Danh &amp;mục chỉ tiêu *</source>
        <translation>Indicator &amp;catalogue *</translation>
    </message>
    <message>
        <source>&amp;Kỳ báo cáo *</source>
        <translation>Reporting &amp;period *</translation>
    </message>
    <message>
        <source>&amp;năm</source>
        <translation>&amp;year</translation>
    </message>
    <message>
        <source>Số liệu được tính trong khoảng thời gian này (ngày chốt số liệu)</source>
        <translation>Figures are counted over this span (the cut-off dates)</translation>
    </message>
    <message>
        <source>&amp;Số báo cáo</source>
        <translation>Report &amp;number</translation>
    </message>
    <message>
        <source>Ví dụ: 174/BC-STTTT</source>
        <translation>e.g. 174/BC-STTTT</translation>
    </message>
    <message>
        <source>N&amp;gày báo cáo</source>
        <translation>Report &amp;date</translation>
    </message>
    <message>
        <source>Ghi ngày</source>
        <translation>Set a date</translation>
    </message>
</context>
<context>
    <name>Period</name>
    <message>
        <source>Quý I năm %1</source>
        <translation>Q1 %1</translation>
    </message>
    <message>
        <source>6 tháng năm %1</source>
        <translation>Half-year %1</translation>
    </message>
    <message>
        <source>Quý III năm %1</source>
        <translation>Q3 %1</translation>
    </message>
    <message>
        <source>Năm %1</source>
        <translation>Year %1</translation>
    </message>
</context>
<context>
    <name>ReportListModel</name>
    <message>
        <source>Cơ quan</source>
        <translation>Agency</translation>
    </message>
    <message>
        <source>Kỳ báo cáo</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Danh mục</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Hoàn thành</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Vấn đề</source>
        <translation>Problems</translation>
    </message>
    <message>
        <source>Sửa lần cuối</source>
        <translation>Last changed</translation>
    </message>
    <message>
        <source>Đã ký</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>Nháp</source>
        <translation>Draft</translation>
    </message>
    <message numerus="yes">
        <source>%n lỗi</source>
        <translation><numerusform>%n error</numerusform><numerusform>%n errors</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n cảnh báo</source>
        <translation><numerusform>%n warning</numerusform><numerusform>%n warnings</numerusform></translation>
    </message>
    <message>
        <source>Không có</source>
        <translation>None</translation>
    </message>
    <message>
        <source>Báo cáo số %1</source>
        <translation>Report no. %1</translation>
    </message>
    <message>
        <source>%1: từ %2 đến %3</source>
        <translation>%1: from %2 to %3</translation>
    </message>
    <message>
        <source>Đã nhập %1 trên %2 chỉ tiêu</source>
        <translation>%1 of %2 indicators entered</translation>
    </message>
</context>
</TS>
