// Minh chứng từ công việc, gợi ý mức năng lực. Placeholder until its owner (W2) writes the page.
export default function Evidence() {
  return null;
}
