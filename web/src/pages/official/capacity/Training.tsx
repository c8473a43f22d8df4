// Đào tạo: chương trình, lớp học, báo cáo. Placeholder until its owner (W1) writes the page.
export default function Training() {
  return null;
}
