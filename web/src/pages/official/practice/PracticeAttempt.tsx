// Một lượt thực hành: hướng dẫn, kết quả, điểm. Placeholder until its owner (practice) writes the page.
export default function PracticeAttempt() {
  return null;
}
