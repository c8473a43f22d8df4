// Vị trí việc làm và khung năng lực. Placeholder until its owner (W1) writes the page.
export default function Positions() {
  return null;
}
