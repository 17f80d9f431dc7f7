/*! push and pub: every input message to the socket, then drain and exit. */

use anyhow::Result;

use super::catch_up::CatchUp;
use super::unheard::Unheard;
use super::{Messages, finish, send};
use crate::options::Plan;
use crate::socket::Socket;

pub fn run(plan: &Plan) -> Result<()> {
    let socket = Socket::open(&plan.socket)?;
    let mut messages = Messages::new(plan, true)?;
    let mut unheard = Unheard::new(plan);
    let mut catch_up = CatchUp::new(&socket, plan);
    let result = (|| {
        while let Some(message) = messages.next_message()? {
            send(&socket, plan, message)?;
            let peers = unheard.sent(&socket, message);
            catch_up.sent(&socket, peers, message.len());
        }
        Ok(())
    })();
    unheard.end();
    finish(&socket, plan, result)
}
