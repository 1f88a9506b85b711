/**
 * Who to ask, in a Flex bubble: the 担当 line staff wrote (「市民課 0994-00-0000」) as text, and a
 * 電話する button when it holds a Japanese phone number, so a resident can call with one tap.
 */
import type { messagingApi } from '@line/bot-sdk';
import { truncateUnits } from './text-limits.js';

const MAX_CONTACT_UNITS = 200;
const GREY = '#8C8C8C';
// 0 then 9–10 more digits in groups: 0994-31-1111, 0120-95-0178, 03-1234-5678, 09012345678.
const PHONE = /0\d{1,4}[-‐－ー]?\d{1,4}[-‐－ー]?\d{3,4}/u;

/** The phone number in a contact line as a `tel:` URI, or null when it holds none. */
export function telUriOf(contact: string): string | null {
  const match = PHONE.exec(contact.normalize('NFKC'));
  if (!match) return null;
  const digits = match[0].replace(/\D/g, '');
  return digits.length >= 10 && digits.length <= 11 ? `tel:${digits}` : null;
}

/** The contact as a small labelled box for the bubble's body. */
export function contactBox(contact: string): messagingApi.FlexBox {
  return {
    type: 'box',
    layout: 'vertical',
    margin: 'lg',
    spacing: 'xs',
    contents: [
      { type: 'text', text: 'お問い合わせ', size: 'xs', color: GREY },
      { type: 'text', text: truncateUnits(contact.trim(), MAX_CONTACT_UNITS), size: 'sm', wrap: true },
    ],
  };
}

/** A 電話する button for the footer, or null when the contact has no phone number. */
export function callButton(contact: string): messagingApi.FlexButton | null {
  const uri = telUriOf(contact);
  return uri ? { type: 'button', style: 'secondary', height: 'sm', action: { type: 'uri', label: '電話する', uri } } : null;
}
