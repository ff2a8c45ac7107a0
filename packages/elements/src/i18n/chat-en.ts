import type { ChatMessages } from './chat-types.js';

/** English chat texts. */
export const chatEn: ChatMessages = {
  intro: 'This room is a chat on Mattermost. You will get a message there with a code.',
  usernameLabel: 'Your user name on Mattermost',
  usernameHint: 'For example: erika.muster',
  noAccount: 'No Mattermost account yet? Create one. Then come back here.',
  signUp: 'Create an account',
  agreeSignUp: 'Agree and create an account',
  submit: 'Send me a code',
  agreeSubmit: 'Agree and send me a code',
  sendsTo: (host) => `Your user name, your messages in the chat and your IP address go to ${host}.`,
  chatServer: 'the chat server of this service',
  codeSent: (username) => `We sent a code to @${username} on Mattermost. Open the message and enter the code here.`,
  openMessages: 'Open the message',
  codeLabel: 'Code from the message',
  codeHint: (time) => `The code has 8 characters and works until ${time}.`,
  noMessage: 'No message? Check your user name and send the code again.',
  changeName: 'Back to the user name',
  join: 'Go to the chat',
  opened: 'The chat is open in a new tab.',
  ready: 'You are now in the chat.',
  openChat: 'Open the chat',
  errors: {
    chat_unavailable: 'The chat is not answering right now. Please try again in a minute.',
    chat_username_invalid: 'A user name has only letters, digits and . - _',
    chat_code_invalid: 'The code is not right. Please check it and enter it again.',
    chat_code_expired: 'This code no longer works. Please send a new one.',
    too_many_attempts: 'Too many tries. Please wait a quarter of an hour.',
  },
};
