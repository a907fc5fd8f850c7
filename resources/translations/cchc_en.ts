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
        <source>Chưa sao lưu tự động được</source>
        <translation>The automatic backup could not be made</translation>
    </message>
    <message>
        <source>Chương trình vẫn làm việc bình thường và số liệu đã lưu không bị ảnh hưởng. Hãy thử lại bằng Tệp → Sao lưu ngay.</source>
        <translation>The program works as usual and saved figures are not affected. Try again with File → Back up now.</translation>
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

Có thể khôi phục dữ liệu từ một bản sao lưu. Nếu không, chương trình sẽ đóng lại; tệp không bị thay đổi.</source>
        <translation>Data file: %1

The data can be restored from a backup. Otherwise the program will close; the file has not been changed.</translation>
    </message>
    <message>
        <source>Khôi phục từ bản sao lưu…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>Tệp dữ liệu: %1

Chương trình sẽ đóng lại; tệp không bị thay đổi.</source>
        <translation>Data file: %1

The program will close; the file has not been changed.</translation>
    </message>
</context>
<context>
    <name>Counts</name>
    <message numerus="yes">
        <source>%n lỗi</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cảnh báo</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Delegates</name>
    <message>
        <source>Enter: lưu và sang ô tiếp · Alt+Enter: xuống dòng · Esc: hủy</source>
        <translation>Enter: save and go to the next cell · Alt+Enter: new line · Esc: cancel</translation>
    </message>
    <message>
        <source>(để trống)</source>
        <translation>(blank)</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Text</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Mở tệp</source>
        <translation>Open file</translation>
    </message>
    <message>
        <source>Mở thư mục</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Bản để trình ký và gửi đi: ký duyệt báo cáo trước (Báo cáo → Ký duyệt), rồi in hoặc xuất lại. Thông báo này chỉ hiện một lần cho mỗi báo cáo.</source>
        <translation>For the copy to be signed and sent: sign the report off first (Report → Sign off), then print or export it again. This notice appears only once for each report.</translation>
    </message>
    <message>
        <source>Tiếp tục</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>In bản nháp</source>
        <translation>Printing a draft</translation>
    </message>
    <message>
        <source>Báo cáo chưa ký duyệt nên mỗi trang in ra có chữ “BẢN NHÁP”.</source>
        <translation>The report has not been signed off, so every printed page says “BẢN NHÁP” (draft).</translation>
    </message>
    <message>
        <source>Xuất bản nháp</source>
        <translation>Exporting a draft</translation>
    </message>
    <message>
        <source>Báo cáo chưa ký duyệt nên tệp Excel ghi “BẢN NHÁP - chưa ký duyệt” ở đầu trang.</source>
        <translation>The report has not been signed off, so the Excel file says “BẢN NHÁP - chưa ký duyệt” (draft, not signed off) in its page header.</translation>
    </message>
    <message>
        <source>Báo cáo chưa ký duyệt nên mỗi trang PDF có chữ “BẢN NHÁP”.</source>
        <translation>The report has not been signed off, so every PDF page says “BẢN NHÁP” (draft).</translation>
    </message>
    <message>
        <source>Không xuất được</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>Xuất phụ lục ra PDF</source>
        <translation>Export the appendix as PDF</translation>
    </message>
    <message>
        <source>Tệp PDF (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Đã xuất phụ lục ra tệp PDF.</source>
        <translation>The appendix was exported as a PDF file.</translation>
    </message>
    <message>
        <source>Xuất phụ lục ra Excel</source>
        <translation>Export the appendix to Excel</translation>
    </message>
    <message>
        <source>Tệp Excel (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <source>Đã xuất phụ lục ra tệp Excel.</source>
        <translation>The appendix was exported to an Excel file.</translation>
    </message>
    <message>
        <source>Nhập phụ lục từ tệp Excel</source>
        <translation>Import an appendix from an Excel file</translation>
    </message>
    <message>
        <source>Không nhập tệp này</source>
        <translation>This file was not imported</translation>
    </message>
    <message>
        <source>Không nhập được tệp</source>
        <translation>The file could not be imported</translation>
    </message>
    <message>
        <source>đã ký duyệt</source>
        <translation>signed off</translation>
    </message>
    <message>
        <source>bản nháp</source>
        <translation>draft</translation>
    </message>
    <message>
        <source>Đã nhập báo cáo của %1, %2 (%3).</source>
        <translation>Imported the report of %1, %2 (%3).</translation>
    </message>
    <message>
        <source>Không mở được máy in. Hãy kiểm tra máy in rồi thử lại.</source>
        <translation>The printer could not be opened. Check the printer and try again.</translation>
    </message>
    <message>
        <source>Máy in báo lỗi khi sang trang mới.</source>
        <translation>The printer reported an error when starting a new page.</translation>
    </message>
    <message>
        <source>Không in được</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <source>Xem trước khi in - %1</source>
        <translation>Print preview - %1</translation>
    </message>
</context>
<context>
    <name>HeaderPanel</name>
    <message>
        <source>ví dụ 174/BC-STTTT</source>
        <translation>e.g. 174/BC-STTTT</translation>
    </message>
    <message>
        <source>ví dụ Sóc Trăng</source>
        <translation>e.g. Sóc Trăng</translation>
    </message>
    <message>
        <source>Ngày ghi trên báo cáo; để trống nếu chưa có</source>
        <translation>The date printed on the report; leave it blank if there is none yet</translation>
    </message>
    <message>
        <source>Xóa ngày báo cáo (để trống)</source>
        <translation>Clear the report date (leave it blank)</translation>
    </message>
    <message>
        <source>Xóa ngày báo cáo</source>
        <translation>Clear the report date</translation>
    </message>
    <message>
        <source>Cơ &amp;quan:</source>
        <translation>&amp;Agency:</translation>
    </message>
    <message>
        <source>Cấp trên:</source>
        <translation>Parent authority:</translation>
    </message>
    <message>
        <source>Kỳ báo cáo:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>&amp;Số:</source>
        <translation>&amp;No.:</translation>
    </message>
    <message>
        <source>Ngày:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>Địa danh:</source>
        <translation>Place:</translation>
    </message>
    <message>
        <source>(số liệu từ %1 đến %2)</source>
        <translation>(figures from %1 to %2)</translation>
    </message>
    <message>
        <source>Đã ký</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>Nháp</source>
        <translation>Draft</translation>
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
        <translation>Export P&amp;DF…</translation>
    </message>
    <message>
        <source>Xuất PDF</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <source>Báo cáo đang được mở ở nơi khác</source>
        <translation>The report is open elsewhere</translation>
    </message>
    <message>
        <source>Nếu chọn “Vẫn mở để sửa”, nơi kia sẽ mất quyền sửa và chuyển sang chỉ xem; những gì đã lưu ở đó vẫn giữ nguyên, nhưng ô đang gõ dở ở đó có thể không lưu được.</source>
        <translation>If you choose “Edit here anyway”, the other place loses the right to edit and switches to view-only; what was saved there is kept, but a cell being typed there may not be saved.</translation>
    </message>
    <message>
        <source>Mở chỉ để xem</source>
        <translation>Open to view only</translation>
    </message>
    <message>
        <source>Vẫn mở để sửa</source>
        <translation>Edit here anyway</translation>
    </message>
    <message>
        <source>Đã ký duyệt</source>
        <translation>Signed off</translation>
    </message>
    <message>
        <source>Đã ký duyệt báo cáo. Số liệu đã khóa.</source>
        <translation>The report is signed off. Its figures are locked.</translation>
    </message>
    <message>
        <source>Bước tiếp theo: in bản đã ký để lãnh đạo ký tên, đóng dấu; sau đó xuất PDF hoặc Excel để gửi đi.</source>
        <translation>Next: print the signed-off copy for the director to sign and stamp; then export a PDF or Excel file to send.</translation>
    </message>
    <message>
        <source>In bản đã ký</source>
        <translation>Print signed copy</translation>
    </message>
    <message>
        <source>Để sau</source>
        <translation>Later</translation>
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
        <source>&amp;Sao lưu ngay</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <source>Sao lưu tệp dữ liệu vào thư mục backups bên cạnh nó</source>
        <translation>Copy the data file into the backups folder next to it</translation>
    </message>
    <message>
        <source>&amp;Khôi phục từ bản sao lưu…</source>
        <translation>&amp;Restore from a backup…</translation>
    </message>
    <message>
        <source>Thay dữ liệu hiện tại bằng một bản sao lưu trước đó</source>
        <translation>Replace the current data with an earlier backup</translation>
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
        <source>Mở lại để &amp;sửa…</source>
        <translation>Re&amp;open for editing…</translation>
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
        <source>Chưa lọc được danh sách: %1 Gõ tiếp để thử lại.</source>
        <translation>Could not filter the list yet: %1 Keep typing to try again.</translation>
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
        <translation>
            <numerusform>%n report</numerusform>
            <numerusform>%n reports</numerusform>
        </translation>
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
        <source>Báo cáo “%1” đang được mở để sửa %2 nên chưa xóa được.</source>
        <translation>The report “%1” is open for editing %2, so it cannot be deleted now.</translation>
    </message>
    <message>
        <source>Hãy đóng báo cáo ở nơi đó trước, rồi xóa.</source>
        <translation>Close the report there first, then delete it.</translation>
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
        <source>Lỗi ghi xuống đĩa</source>
        <translation>Disk write error</translation>
    </message>
    <message>
        <source>Đừng tắt máy. Hãy xuất báo cáo đang làm ra một ổ đĩa khác (Tệp → Xuất Excel…), rồi kiểm tra ổ đĩa hoặc nhờ người hỗ trợ kỹ thuật.</source>
        <translation>Do not turn the computer off. Export the report you are working on to another drive (File → Export Excel…), then have the drive checked or ask technical support.</translation>
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
    <message>
        <source>(chỉ xem)</source>
        <translation>(view only)</translation>
    </message>
    <message>
        <source>Không ghi được vào tệp dữ liệu, nên báo cáo mở chỉ để xem: %1</source>
        <translation>The data file cannot be written to, so the report opens for viewing only: %1</translation>
    </message>
    <message>
        <source>Báo cáo này đang được mở để sửa %1. Bạn vẫn xem, in và xuất được, nhưng chưa sửa được cho đến khi nơi kia đóng báo cáo. Nếu chắc chắn nơi kia đã tắt, bạn có thể chọn “Vẫn mở để sửa”.</source>
        <translation>This report is open for editing %1. You can still view, print and export it here, but not change it until it is closed there. If you are sure the other place has been shut down, you can choose “Edit here anyway”.</translation>
    </message>
    <message>
        <source>Chỉ để xem: báo cáo này đang được mở để sửa %1. Ở đây vẫn xem, in và xuất được, nhưng không sửa được.</source>
        <translation>View only: this report is open for editing %1. Here you can view, print and export it, but not change it.</translation>
    </message>
    <message>
        <source>Báo cáo đã được mở để sửa ở nơi khác, nên ở cửa sổ này chỉ còn để xem. Số liệu đã nhập ở đây đã được lưu; bấm “Mở để sửa…” nếu cần sửa tiếp ở cửa sổ này.</source>
        <translation>The report has been opened for editing elsewhere, so this window is now view-only. What you entered here has been saved; click “Edit here…” to carry on editing in this window.</translation>
    </message>
    <message>
        <source>Đã cập nhật những gì vừa được lưu ở nơi khác.</source>
        <translation>Updated with what was just saved elsewhere.</translation>
    </message>
    <message>
        <source>Báo cáo đã bị xóa</source>
        <translation>The report was deleted</translation>
    </message>
    <message>
        <source>Báo cáo đang mở vừa bị xóa ở nơi khác (một cửa sổ hoặc lệnh khác).</source>
        <translation>The open report was just deleted elsewhere (by another window or command).</translation>
    </message>
    <message>
        <source>Số liệu vừa được sửa ở nơi khác</source>
        <translation>Changed elsewhere meanwhile</translation>
    </message>
    <message>
        <source>Chưa sao lưu được</source>
        <translation>The backup could not be made</translation>
    </message>
    <message>
        <source>Đã sao lưu</source>
        <translation>Backed up</translation>
    </message>
    <message>
        <source>Đã sao lưu tệp dữ liệu (%1).</source>
        <translation>The data file was backed up (%1).</translation>
    </message>
    <message>
        <source>Bản sao lưu: %1</source>
        <translation>Backup: %1</translation>
    </message>
    <message>
        <source>Không đọc được các bản sao lưu</source>
        <translation>The backups cannot be read</translation>
    </message>
    <message>
        <source>Chưa có bản sao lưu</source>
        <translation>No backups yet</translation>
    </message>
    <message>
        <source>Chưa có bản sao lưu nào của tệp dữ liệu này.</source>
        <translation>There are no backups of this data file yet.</translation>
    </message>
    <message>
        <source>Chương trình tự sao lưu mỗi ngày khi mở; cũng có thể sao lưu bất cứ lúc nào bằng Tệp → Sao lưu ngay.</source>
        <translation>The program makes a backup each day when it starts; you can also back up at any time with File → Back up now.</translation>
    </message>
    <message>
        <source>Tệp dữ liệu đang được mở ở nơi khác</source>
        <translation>The data file is open elsewhere</translation>
    </message>
    <message>
        <source>Tệp dữ liệu đang được mở để sửa %1.</source>
        <translation>The data file is open for editing %1.</translation>
    </message>
    <message>
        <source>Khôi phục lúc này sẽ thay cả những gì nơi đó đang nhập. Tốt nhất hãy đóng cửa sổ đó trước; chỉ khôi phục ngay nếu chắc chắn nơi đó đã tắt.</source>
        <translation>Restoring now would also replace what is being entered there. Close that window first if you can; restore now only if you are sure it has been shut down.</translation>
    </message>
    <message>
        <source>Vẫn khôi phục</source>
        <translation>Restore anyway</translation>
    </message>
    <message>
        <source>Không mở lại được tệp dữ liệu</source>
        <translation>The data file cannot be reopened</translation>
    </message>
    <message>
        <source>Chương trình sẽ đóng lại. Hãy mở lại chương trình rồi thử lại.</source>
        <translation>The program will close. Start it again and retry.</translation>
    </message>
    <message>
        <source>Chưa khôi phục được</source>
        <translation>The restore did not succeed</translation>
    </message>
    <message>
        <source>Dữ liệu ngay trước khi khôi phục được giữ lại thành bản sao lưu “%1”; có thể khôi phục lại bản đó nếu cần.</source>
        <translation>The data as it was just before the restore is kept as the backup “%1”; you can restore that one if needed.</translation>
    </message>
    <message>
        <source>Đã khôi phục</source>
        <translation>Restored</translation>
    </message>
    <message>
        <source>Đã khôi phục dữ liệu từ bản sao lưu %1.</source>
        <translation>The data was restored from the backup %1.</translation>
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
    <name>ProblemsModel</name>
    <message>
        <source>Mức độ</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>Vị trí</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Toàn báo cáo</source>
        <translation>Whole report</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <source>Lỗi và cảnh báo: %1 — bấm vào một dòng để đến ô đó</source>
        <translation>Errors and warnings: %1 — click a row to go to its cell</translation>
    </message>
    <message>
        <source>Lỗi và cảnh báo: không có</source>
        <translation>Errors and warnings: none</translation>
    </message>
</context>
<context>
    <name>ReportDocument</name>
    <message>
        <source>Báo cáo vừa được ký duyệt nên không sửa được nữa.</source>
        <translation>The report has just been signed off, so it can no longer be changed.</translation>
    </message>
    <message>
        <source>Báo cáo đang mở chỉ để xem nên không sửa được ở cửa sổ này.</source>
        <translation>The report is open to view only, so it cannot be changed in this window.</translation>
    </message>
    <message>
        <source>Nội dung bạn vừa gõ chưa được lưu: “%1”.</source>
        <translation>What you just typed was not saved: “%1”.</translation>
    </message>
    <message>
        <source>Bạn đã gõ: “%1”.</source>
        <translation>You typed: “%1”.</translation>
    </message>
</context>
<context>
    <name>ReportEditor</name>
    <message>
        <source>Đã nhập %1/%2</source>
        <translation>Entered %1/%2</translation>
    </message>
    <message>
        <source>Mở lại báo cáo</source>
        <translation>Reopen the report</translation>
    </message>
    <message>
        <source>Mở lại báo cáo đã ký duyệt để sửa?

Báo cáo trở về trạng thái Nháp; chữ ký và dấu kiểm tra hiện tại bị hủy. Sau khi sửa cần in và ký duyệt lại.</source>
        <translation>Reopen the signed-off report for editing?

The report goes back to Draft; the current signature and check code are cancelled. After the changes it must be printed and signed off again.</translation>
    </message>
    <message>
        <source>Mở lại để sửa</source>
        <translation>Reopen for editing</translation>
    </message>
    <message>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Hoàn tác</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Làm lại</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>&amp;Ký duyệt…</source>
        <translation>&amp;Sign off…</translation>
    </message>
    <message>
        <source>Ký duyệt báo cáo: khóa số liệu sau khi lãnh đạo đã ký</source>
        <translation>Sign off the report: lock its figures once the director has signed</translation>
    </message>
    <message>
        <source>Mở lại để &amp;sửa…</source>
        <translation>Re&amp;open for editing…</translation>
    </message>
    <message>
        <source>Trả báo cáo đã ký duyệt về bản nháp để sửa</source>
        <translation>Turn the signed-off report back into a draft to change it</translation>
    </message>
    <message>
        <source>&amp;Tìm chỉ tiêu</source>
        <translation>&amp;Find indicator</translation>
    </message>
    <message>
        <source>Phần &amp;tiếp theo</source>
        <translation>Ne&amp;xt section</translation>
    </message>
    <message>
        <source>Phần t&amp;rước</source>
        <translation>P&amp;revious section</translation>
    </message>
    <message>
        <source>&amp;Lỗi, cảnh báo tiếp theo</source>
        <translation>Next &amp;error or warning</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Mở để sửa…</source>
        <translation>Edit here…</translation>
    </message>
    <message>
        <source>Lấy lại quyền sửa báo cáo này cho cửa sổ này</source>
        <translation>Take this report back for editing in this window</translation>
    </message>
    <message>
        <source>Mở lại để sửa…</source>
        <translation>Reopen for editing…</translation>
    </message>
    <message>
        <source>Lọc chỉ tiêu theo tên hoặc mã (Ctrl+F)…</source>
        <translation>Filter indicators by name or code (Ctrl+F)…</translation>
    </message>
    <message>
        <source>Báo cáo đã ký duyệt ngày %1 bởi %2. Số liệu đã khóa, không sửa được.</source>
        <translation>Signed off on %1 by %2. The figures are locked and cannot be changed.</translation>
    </message>
    <message numerus="yes">
        <source>%n kết quả</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message>
        <source>Đã nhập %1/%2 chỉ tiêu</source>
        <translation>%1 of %2 indicators entered</translation>
    </message>
    <message numerus="yes">
        <source>%n chỉ tiêu</source>
        <translation>
            <numerusform>%n indicator</numerusform>
            <numerusform>%n indicators</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ở %n phần</source>
        <translation>
            <numerusform>in %n section</numerusform>
            <numerusform>in %n sections</numerusform>
        </translation>
    </message>
    <message>
        <source>Không có chỉ tiêu nào khớp</source>
        <translation>No indicator matches</translation>
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
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n cảnh báo</source>
        <translation>
            <numerusform>%n warning</numerusform>
            <numerusform>%n warnings</numerusform>
        </translation>
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
<context>
    <name>ReportListPage</name>
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
</context>
<context>
    <name>ReportModel</name>
    <message>
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Cảnh báo</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>Đã lưu lúc %1</source>
        <translation>Saved at %1</translation>
    </message>
    <message>
        <source>Số nguyên, ví dụ 46.104</source>
        <translation>A whole number, e.g. 46.104</translation>
    </message>
    <message>
        <source>Số, ví dụ 33,33</source>
        <translation>A number, e.g. 33,33</translation>
    </message>
    <message>
        <source>Tỷ lệ % từ 0 đến 100, ví dụ 93,69</source>
        <translation>A percentage from 0 to 100, e.g. 93,69</translation>
    </message>
    <message>
        <source>Chọn: %1</source>
        <translation>Choose: %1</translation>
    </message>
    <message>
        <source>Nội dung chữ</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>sửa ghi chú của “%1”</source>
        <translation>the note on “%1”</translation>
    </message>
    <message>
        <source>trống</source>
        <translation>blank</translation>
    </message>
    <message>
        <source>sửa “%1”: %2 → %3</source>
        <translation>“%1”: %2 → %3</translation>
    </message>
    <message>
        <source>STT</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Chỉ tiêu thống kê</source>
        <translation>Statistical indicator</translation>
    </message>
    <message>
        <source>Đơn vị tính</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Số liệu</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Mã chỉ tiêu: %1</source>
        <translation>Indicator code: %1</translation>
    </message>
    <message>
        <source>Tự động tính, không nhập tay. Công thức: %1</source>
        <translation>Calculated automatically, not typed in. Formula: %1</translation>
    </message>
    <message>
        <source>Từ các chỉ tiêu:</source>
        <translation>From the indicators:</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Khôi phục từ bản sao lưu</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>Chọn bản sao lưu cần khôi phục. Mọi báo cáo trong tệp dữ liệu sẽ trở về như lúc sao lưu; những gì nhập sau thời điểm đó sẽ không còn.</source>
        <translation>Choose the backup to restore. Every report in the data file goes back to how it was at that time; whatever was entered since will be gone.</translation>
    </message>
    <message>
        <source>Các &amp;bản sao lưu (mới nhất ở trên):</source>
        <translation>&amp;Backups (newest first):</translation>
    </message>
    <message>
        <source>Dữ liệu hiện tại không mất: trước khi khôi phục, chương trình giữ nó lại thành một bản sao lưu “dữ liệu trước khi khôi phục”, có thể khôi phục lại nếu cần.</source>
        <translation>The current data is not lost: before restoring, the program keeps it as a backup marked “dữ liệu trước khi khôi phục” (data before the restore), which can be restored in turn if needed.</translation>
    </message>
    <message>
        <source>Thư mục sao lưu: %1</source>
        <translation>Backup folder: %1</translation>
    </message>
    <message>
        <source>Khôi phục bản đã chọn</source>
        <translation>Restore the selected backup</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Sharing</name>
    <message>
        <source>ở một cửa sổ khác của chương trình này</source>
        <translation>in another window of this program</translation>
    </message>
    <message>
        <source>bằng lệnh cchc trên máy này</source>
        <translation>by a cchc command on this computer</translation>
    </message>
    <message>
        <source>ở một cửa sổ CCHC Desktop khác trên máy này</source>
        <translation>in another CCHC Desktop window on this computer</translation>
    </message>
    <message>
        <source>trên máy %1</source>
        <translation>on the computer %1</translation>
    </message>
    <message>
        <source>%1 ngày %2</source>
        <translation>%1 on %2</translation>
    </message>
    <message>
        <source>%1, từ %2</source>
        <translation>%1, since %2</translation>
    </message>
</context>
<context>
    <name>SignOffDialog</name>
    <message>
        <source>Ký duyệt báo cáo</source>
        <translation>Sign off the report</translation>
    </message>
    <message numerus="yes">
        <source>Chưa ký duyệt được: báo cáo còn %n lỗi cần sửa trước.
Đóng hộp này, bấm vào từng lỗi trong danh sách “Lỗi và cảnh báo” để đến ô cần sửa.</source>
        <translation>
            <numerusform>It cannot be signed off yet: the report still has %n error to fix first.
Close this box and click each error in the “Errors and warnings” list to go to the cell to fix.</numerusform>
            <numerusform>It cannot be signed off yet: the report still has %n errors to fix first.
Close this box and click each error in the “Errors and warnings” list to go to the cell to fix.</numerusform>
        </translation>
    </message>
    <message>
        <source>Họ và tên, ví dụ Nguyễn Văn An</source>
        <translation>Full name, e.g. Nguyễn Văn An</translation>
    </message>
    <message>
        <source>Người &amp;ký:</source>
        <translation>&amp;Signed by:</translation>
    </message>
    <message>
        <source>Chọn hoặc gõ chức vụ</source>
        <translation>Choose or type the title</translation>
    </message>
    <message>
        <source>Dùng dấu “ / ” để xuống dòng khi in, ví dụ KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC</source>
        <translation>Use “ / ” for a line break in print, e.g. KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC</translation>
    </message>
    <message>
        <source>&amp;Chức vụ:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>&amp;Ngày ký:</source>
        <translation>&amp;Date signed:</translation>
    </message>
    <message numerus="yes">
        <source>Báo cáo có %n cảnh báo. Hãy xem lại trước khi ký:</source>
        <translation>
            <numerusform>The report has %n warning. Please review it before signing off:</numerusform>
            <numerusform>The report has %n warnings. Please review them before signing off:</numerusform>
        </translation>
    </message>
    <message>
        <source>Tôi đã xem các cảnh báo</source>
        <translation>I have reviewed the warnings</translation>
    </message>
    <message>
        <source>Ký duyệt</source>
        <translation>Sign off</translation>
    </message>
    <message>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message numerus="yes">
        <source>Báo cáo còn %n lỗi: sửa hết lỗi (danh sách ở trên) rồi mới ký.</source>
        <translation>
            <numerusform>The report still has %n error: fix it (see the list above) before signing off.</numerusform>
            <numerusform>The report still has %n errors: fix them all (see the list above) before signing off.</numerusform>
        </translation>
    </message>
    <message>
        <source>Người ký: chưa nhập họ và tên người ký.</source>
        <translation>Signed by: enter the full name of the person signing.</translation>
    </message>
    <message>
        <source>Chức vụ: chưa chọn hoặc nhập chức vụ người ký.</source>
        <translation>Title: choose or type the title of the person signing.</translation>
    </message>
    <message>
        <source>Ngày ký: %1 là ngày trong tương lai; cần từ %2 đến hôm nay.</source>
        <translation>Date signed: %1 is in the future; it must be between %2 and today.</translation>
    </message>
    <message>
        <source>Ngày ký: %1 trước kỳ báo cáo; cần từ %2 đến hôm nay.</source>
        <translation>Date signed: %1 is before the reporting period; it must be between %2 and today.</translation>
    </message>
    <message>
        <source>Cảnh báo: đánh dấu “Tôi đã xem các cảnh báo” trước khi ký.</source>
        <translation>Warnings: tick “I have reviewed the warnings” before signing off.</translation>
    </message>
</context>
</TS>
