// The help text of `motcua`, in Vietnamese and English.
export const USAGE = `MotCua — Hệ thống thông tin giải quyết thủ tục hành chính cấp xã
MotCua — the information system of a commune public administrative service centre

Cách dùng / Usage: motcua <lệnh / command> [tham số / arguments]

  serve [--seed-if-empty] [--simulators]
                                  Chạy máy chủ web / Run the web server
                                  (--seed-if-empty: nạp dữ liệu mẫu nếu CSDL trống / seed the demo if the database is empty;
                                   --simulators: chạy kèm trình mô phỏng các hệ thống quốc gia / also run the national systems' simulators)
  migrate                         Cập nhật cấu trúc CSDL / Bring the database schema up to date
  seed [--history]                Nạp dữ liệu mẫu (chạy lại không thay đổi gì) / Load the demo data (safe to repeat)
                                  (--history: thêm 6 tháng hồ sơ đã qua của các xã / add 6 months of past dossiers)
  import units <tệp/file>         Nhập danh mục đơn vị hành chính (JSON) / Import administrative units (JSON)
  import procedures <tệp/file> [--effective-from YYYY-MM-DD] [--verbose]
                                  Nhập thủ tục hành chính (JSON) / Import procedures (JSON)
  audit verify                    Kiểm tra chuỗi nhật ký kiểm toán / Verify the audit log's hash chains
  backup <tệp/file> [--force]     Sao lưu toàn bộ CSDL (gzip JSON lines) / Back up the whole database
                                  (--force: ghi đè tệp đã có / replace an existing file)
  restore <tệp/file> [--force]    Khôi phục vào CSDL trống / Restore into an empty database
                                  (--force: XÓA HẾT dữ liệu hiện có trước / DELETE all current data first)
  outbox status | failures | resend <id> | resend --failed [--subscriber TÊN/NAME] | run
                                  Hàng đợi gửi tới các hệ thống kết nối: tồn đọng, lỗi, gửi lại, gửi ngay
                                  / Deliveries to connected systems: backlog, failures, re-send, send now
  reports verify | rebuild         Số liệu báo cáo: đối chiếu với phép đếm lại từ đầu (khác → mã thoát 1), dựng lại
                                  / Report tables: compare with a full recount (any difference → exit 1), rebuild
  national-portal pull | sync-catalogue [--full] [--effective-from YYYY-MM-DD]
                                  Cổng DVCQG: lấy hồ sơ công dân nộp trên Cổng, đồng bộ danh mục thủ tục
                                  / National portal: take in dossiers submitted there, sync the catalogue
  federation key | peers | add-peer --name TÊN/NAME --url URL --key KHOÁ/KEY --units 12345,…
                                  Liên thông với hệ thống MotCua khác: mã và khoá công khai của hệ thống này,
                                  danh sách và đăng ký hệ thống kết nối / Transfers to other MotCua systems:
                                  this instance's id and public key, list and register peers
  simulator <tên/name|all> [--port N] [--journal-dir THƯ MỤC/DIR] [--demo]
                                  Chạy trình mô phỏng hệ thống quốc gia (national-portal, population, payment, sms,
                                  mail, signing) / Run a simulator of a national system
  help                            Hướng dẫn này / This help

Môi trường / Environment:
  DATABASE_URL      postgres://… → PostgreSQL; không đặt / unset → CSDL nhúng / embedded PGlite
  MOTCUA_DATA_DIR   thư mục dữ liệu / data folder (mặc định / default ./data; CSDL nhúng ở / embedded database in <dir>/db)
  PORT, HOST        cổng và địa chỉ nghe / port and address to listen on (3000, 0.0.0.0)

Mã thoát / Exit codes:
  0 thành công / success   1 lỗi / failure   2 sai cú pháp lệnh / bad command line
  3 đã nhập nhưng có bản ghi bị từ chối / imported, but some records were rejected`;
