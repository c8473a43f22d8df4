// Một lớp học: ghi danh, điểm danh, điểm kiểm tra, kết thúc lớp, tác động. Placeholder until its owner (W1) writes the page.
export default function ClassPage() {
  return null;
}
