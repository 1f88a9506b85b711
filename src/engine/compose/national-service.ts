/** マイナポータル: where the national list's procedures are applied for online (ぴったりサービス). */
export const MYNAPORTAL_URL = 'https://myna.go.jp/';
/** The link button's label for it. */
export const MYNAPORTAL_LABEL = 'マイナポータルを開く';
