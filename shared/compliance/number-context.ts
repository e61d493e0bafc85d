// Words around a number that say what it is. An order or tracking number, or an amount, may
// have the shape of a phone or card number; its label decides, as it does for a human reader.

const identifierLabel =
  /(?:订单|单号|运单|快递|物流|工单|交易|流水|发票|合同|批次|order|tracking|waybill|parcel|shipment|invoice|ticket|ref(?:erence)?|transaction|case)\s*(?:号码|号|编号|id|no\.?|number|#)?\s*(?:是|为|:|：|#|=)?\s*$/i

const currencyBefore = /(?:[¥￥$€£]|rmb|cny|usd|hkd|eur|人民币)\s*$/i
const unitAfter = /^\s*(?:元|块|万|亿|角|分|美元|港币|欧元|英镑|rmb|cny|usd|yuan|dollars?|%|％)/i

/** Whether the number at [start, end) is labelled as an order, tracking or similar number. */
export function isLabelledIdentifier(text: string, start: number): boolean {
  return identifierLabel.test(text.slice(Math.max(0, start - 24), start))
}

/** Whether the number at [start, end) is an amount of money or a percentage. */
export function isAmount(text: string, start: number, end: number): boolean {
  return (
    currencyBefore.test(text.slice(Math.max(0, start - 6), start)) ||
    unitAfter.test(text.slice(end, end + 6))
  )
}
