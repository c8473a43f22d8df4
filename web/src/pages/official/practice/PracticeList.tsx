// Chế độ thực hành: danh sách tình huống và lượt làm. Placeholder until its owner (practice) writes the page.
export default function PracticeList() {
  return null;
}
